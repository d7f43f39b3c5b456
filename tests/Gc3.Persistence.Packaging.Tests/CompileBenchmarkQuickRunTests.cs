namespace Gc3.Persistence.Packaging.Tests;

/// <summary>
/// The compile-time benchmark's quick mode, as CI runs it: it proves our generator and MemoryPack's run on
/// the generated project, that both outputs compile, and that the table holds every row. It asserts what
/// the table holds, never a figure.
/// </summary>
public sealed class CompileBenchmarkQuickRunTests
{
    private static readonly string[] ComparedRows =
        ["generator first run", "generator comment edit", "generator member edit", "generated volume (bytes)", "generated volume (lines)", "generated files"];

    private static readonly string[] Analyzers =
        ["ChangeTrackingAnalyzer", "InheritanceAnalyzer", "MemberKeyAnalyzer", "MemberTypeAnalyzer", "PartialTypeAnalyzer", "PersistableTypeAnalyzer", "StoreColumnAnalyzer", "TypeTagAnalyzer"];

    [Fact]
    public void Quick_run_measures_both_generators_and_every_analyzer_and_checks_the_targets()
    {
        using var folder = new TemporaryDirectory("compile-bench-quick");
        var run = CompileBenchmark(folder.Path, "--quick").EnsureSuccess();

        Assert.Contains("compile-v1: N=50 types x 8 members, 1 repetition(s)", run.Output);
        Assert.Contains("| measure | gc3 | memorypack-only | ratio | target | result |", run.Output);
        foreach (var row in ComparedRows)
        {
            Assert.Matches($@"\| {System.Text.RegularExpressions.Regex.Escape(row)} \| [\d.,]+( ms| s)? \| [\d.,]+( ms| s)? \| [\d.]+x \|", run.Output);
        }

        Assert.Contains("| compile errors | 0 | 0 |", run.Output);
        Assert.Contains("| build time | skipped (--quick) |", run.Output);
        foreach (var analyzer in Analyzers)
        {
            Assert.Contains($"| analyzer {analyzer} |", run.Output);
        }

        // The baseline (binding and per-file checks any analyzer pays) has its own row, outside the total.
        Assert.Matches(@"\| analyzer baseline: symbol binding and per-file checks any analyzer pays \| [\d.]+ m?s \| - \|", run.Output);
        Assert.Matches(@"\| GC3P analyzers total \| [\d.]+ m?s \| - \| - \| < [\d.]+ m?s \| (met|missed) \|", run.Output);
        Assert.Matches(@"\| GC3P analyzers' own code \(processor time\) \| [\d.]+ m?s \| - \|", run.Output);
        Assert.Contains("| GC3P errors reported | 0 |", run.Output);

        // Each persistable type has List and Dictionary members no setter tracks: one GC3P014 each.
        var types = int.Parse(System.Text.RegularExpressions.Regex.Match(run.Output, @"N=(\d+) types").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"| GC3P warnings and infos reported (GC3P014: untracked collections) | {types:N0} |", run.Output);
        Assert.Matches(@"Targets \(issue 12\): \d+ of 5 met", run.Output);
    }

    [Fact]
    public void An_unknown_option_is_refused_with_the_usage()
    {
        using var folder = new TemporaryDirectory("compile-bench-bad");
        UsageError.AssertRefused(CompileBenchmark(folder.Path, "--types", "many"), "--types", "usage:");
    }

    private static ProcessResult CompileBenchmark(string workingDirectory, params string[] arguments)
        => ProcessRunner.RunRepositoryProgram("Gc3.Persistence.CompileBenchmarks", workingDirectory, arguments);
}
