using System.Text;
using Gc3.Persistence.Benchmarks.Subjects;

namespace Gc3.Persistence.Benchmarks.Workload;

/// <summary>
/// Runs the jobs-v1 workload: warm-up passes (so the figures are not the JIT's), then the
/// repetitions, each running every subject once in a fresh directory (the in-memory ones ten times,
/// taking turns), interleaved so that noise from the rest of the machine spreads over all subjects
/// alike; then prints the medians.
/// </summary>
public sealed class WorkloadRunner(BenchmarkOptions options, IReadOnlyList<Subject> subjects, TextWriter output)
{
    private const int WarmUpJobs = 1_000;

    // The JIT recompiles a method with full optimization only after it was called 30 times and then
    // 100 ms passed without new methods being compiled, in the background. The in-memory phases
    // last milliseconds, so a single warm-up pass left them partly unoptimized (their figures then
    // depended on which other subjects ran). Each pass is followed by a pause for that to happen.
    private const int WarmUpPasses = 3;
    private static readonly TimeSpan WarmUpPause = TimeSpan.FromMilliseconds(300);

    // Runs of an in-memory subject per repetition, each a sample of its own: the median of many
    // millisecond-long phases moves less from run to run than the median of five.
    private const int InMemoryRuns = 10;

    /// <summary>Runs and prints; returns the table of medians.</summary>
    public ResultTable Run(string workDirectory)
    {
        var timer = new PhaseTimer(options.Phases);
        var data = WorkloadData.Create(options.N);
        if (!options.Quick)
        {
            var small = WorkloadData.Create(Math.Min(options.N, WarmUpJobs));
            for (var pass = 1; pass <= WarmUpPasses; pass++)
            {
                output.WriteLine($"warm-up {pass} of {WarmUpPasses}: N={small.Jobs.Count}");
                RunAll(small, timer, Path.Join(workDirectory, "warm-up"), reversed: pass % 2 == 0);
                Thread.Sleep(WarmUpPause);
            }
        }

        timer.Recording = true;
        for (var repetition = 1; repetition <= options.Repetitions; repetition++)
        {
            output.WriteLine($"repetition {repetition} of {options.Repetitions}: N={options.N}");
            RunAll(data, timer, Path.Join(workDirectory, $"repetition-{repetition}"), reversed: repetition % 2 == 0);
        }

        var table = new ResultTable(timer.Samples, Comparison.All);
        output.WriteLine();
        output.Write(Header());
        output.WriteLine();
        output.Write(table.ToMarkdown());
        output.WriteLine();
        output.WriteLine(table.TargetSummary());
        output.WriteLine();
        if (options.PrintSamples)
        {
            output.Write(Samples(timer.Samples));
            output.WriteLine();
        }

        output.Write(Notes());
        return table;
    }

    private void RunAll(WorkloadData data, PhaseTimer timer, string directory, bool reversed)
    {
        // The in-memory subjects take turns, one run each per round: the machine's speed drifts over
        // seconds (on a shared VM by as much as 2x), and ten runs in a row would hand a slow spell to
        // whichever subject ran in it, skewing its ratio to its reference.
        var inMemory = subjects.Where(s => s.InMemory).ToList();
        if (inMemory.Count > 0)
        {
            var rounds = options.Quick ? 1 : InMemoryRuns;
            output.Write($"  {string.Join(", ", inMemory.Select(s => s.Name))}, {rounds} round(s) ...");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var subject in inMemory)
                {
                    RunOnce(subject, data, timer, directory);
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $" {clock.Elapsed.TotalSeconds:0.0} s"));
        }

        // The on-disk subjects run in turn, in the opposite order every other repetition: what runs first
        // after another subject (the page cache, the GC's state, the disk's writeback) would otherwise favour
        // one of two neighbours in every repetition, by 8% in an A/A run of the same SQLite subject twice.
        var onDisk = subjects.Where(s => !s.InMemory).ToList();
        if (reversed)
        {
            onDisk.Reverse();
        }

        foreach (var subject in onDisk)
        {
            output.Write($"  {subject.Name} ...");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            RunOnce(subject, data, timer, directory);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $" {clock.Elapsed.TotalSeconds:0.0} s"));
        }
    }

    private static void RunOnce(Subject subject, WorkloadData data, PhaseTimer timer, string directory)
    {
        var subjectDirectory = Path.Join(directory, subject.Name);
        System.IO.Directory.CreateDirectory(subjectDirectory);
        MachineInfo.SyncDisks();
        timer.Subject = subject.Name;
        subject.Run(data, timer, subjectDirectory);
        System.IO.Directory.Delete(subjectDirectory, recursive: true);
    }

    private string Header()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"jobs-v1: N={options.N}, collection of {WorkloadData.CollectionSize} jobs, seed {WorkloadData.Seed}, median of {options.Repetitions} repetition(s){(options.Quick ? " (quick: proves it runs, the figures mean little)" : "")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine(CultureInfo.InvariantCulture, $"machine: {MachineInfo.Describe()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"command: dotnet run -c Release --project tests/Gc3.Persistence.Benchmarks -- {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}");
        return text.ToString();
    }

    // Every sample behind a median, in the order taken (the on-disk subjects' order flips every repetition).
    private static string Samples(IEnumerable<PhaseSample> samples)
    {
        var text = new StringBuilder("Samples (ops/s, in the order taken):").AppendLine();
        foreach (var group in samples.Where(s => s.Phase != Phase.Bytes).GroupBy(s => (s.Phase, s.Subject)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {PhaseInfo.Label(group.Key.Phase)} {group.Key.Subject}: {string.Join(", ", group.Select(s => s.OpsPerSecond.ToString("N0", CultureInfo.InvariantCulture)))}");
        }

        return text.ToString();
    }

    private string Notes()
    {
        var text = new StringBuilder();
        text.AppendLine("Subjects and their durability settings:");
        foreach (var subject in subjects)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {subject.Name}: {subject.Settings}");
        }

        text.AppendLine("Ratios: the store's ops/s over the reference's (higher is better; for D, IDs listed per second);");
        text.AppendLine("for bytes after C, the store's size over the reference's. alloc/op: managed bytes allocated per");
        text.AppendLine(CultureInfo.InvariantCulture, $"operation (median). peak memory: {PeakMemory.Description}.");
        return text.ToString();
    }
}
