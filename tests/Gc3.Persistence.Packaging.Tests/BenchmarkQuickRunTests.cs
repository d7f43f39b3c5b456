namespace Gc3.Persistence.Packaging.Tests;

/// <summary>
/// The benchmark program's quick mode, as CI runs it: it proves the whole workload runs on every
/// store and prints the full table. It asserts what the table holds, never a figure.
/// </summary>
public sealed class BenchmarkQuickRunTests
{
    private static readonly string[] Phases =
        ["A save-new", "B load-cold", "C replace", "D list", "E collection save", "E collection load", "bytes after C"];

    private static readonly string[] Subjects =
        ["memorypack", "stj", "serializer", "memory", "raw-file", "gc3-file", "file", "raw-file-fsync", "file-fsync", "raw-sqlite", "sqlite", "raw-sqlite-tx", "sqlite-many"];

    [Fact]
    public void Quick_run_measures_every_phase_of_every_subject_and_checks_the_targets()
    {
        using var folder = new TemporaryDirectory("bench-quick");
        var run = Benchmark(folder.Path, "--quick", "--dir", folder.Combine("work")).EnsureSuccess();

        Assert.Contains("jobs-v1: N=200", run.Output);
        Assert.Contains("| phase | subject | median | vs reference (target) |", run.Output);
        foreach (var phase in Phases)
        {
            Assert.Contains($"| {phase} | file |", run.Output);
        }

        foreach (var subject in Subjects)
        {
            Assert.Contains($"| A save-new | {subject} |", run.Output);
        }

        Assert.Contains("0.6: ", run.Output[run.Output.IndexOf("| A save-new | sqlite-many |", StringComparison.Ordinal)..]);
        Assert.Matches(@"Targets \(issue 5\): \d+ of 14 met", run.Output);
    }

    [Fact]
    public void Quick_scaling_run_measures_both_stores_and_the_reference_at_each_size_and_lists_a_large_store()
    {
        using var folder = new TemporaryDirectory("bench-scaling");
        var run = Benchmark(folder.Path, "--scaling", "--quick", "--dir", folder.Combine("work")).EnsureSuccess();

        foreach (var subject in new[] { "file", "sqlite", "memorypack" })
        {
            Assert.Contains($"| {subject} | 200 |", run.Output);
            Assert.Contains($"| {subject} | 400 |", run.Output);
        }

        Assert.Matches(@"file: cost per operation at N=400 over N=200 \(target ≤ 1\.3x\): A save-new [\d.]+x \((met|missed); memorypack [\d.]+x\), B load-cold", run.Output);
        Assert.Matches(@"sqlite: cost per operation at N=400 over N=200", run.Output);
        Assert.Contains("| 2,010 |", run.Output); // List on the large SQLite store: 2,000 jobs and 10 executables
    }

    [Fact]
    public void An_unknown_phase_or_store_is_refused_with_the_usage()
    {
        using var folder = new TemporaryDirectory("bench-bad");
        UsageError.AssertRefused(Benchmark(folder.Path, "--phases", "Z"), "--phases");
        UsageError.AssertRefused(Benchmark(folder.Path, "--stores", "floppy"), "floppy");
    }

    private static ProcessResult Benchmark(string workingDirectory, params string[] arguments)
        => ProcessRunner.RunRepositoryProgram("Gc3.Persistence.Benchmarks", workingDirectory, arguments);
}
