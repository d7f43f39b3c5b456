namespace Gc3.Persistence.CompileBenchmarks;

/// <summary>The time each analyzer spends on the project (medians), and what they report.</summary>
/// <param name="PerAnalyzer">Roslyn's execution time of each GC3P analyzer, measured after the baseline.</param>
/// <param name="Baseline">Roslyn's execution time of <see cref="SymbolReadingBaseline"/>, run first: the binding and per-file work any analyzer pays.</param>
/// <param name="OwnProcessorTime">The processor time of each GC3P analyzer's own code (<see cref="AnalyzerProcessorTime"/>).</param>
/// <param name="Errors">GC3P errors: the generated-looking project must have none.</param>
/// <param name="Notes">GC3P warnings and infos (GC3P014 on every type, whose <c>List</c> and <c>Dictionary</c> members no setter tracks).</param>
internal sealed record AnalyzerFigures(
    IReadOnlyList<(string Name, TimeSpan Time)> PerAnalyzer,
    TimeSpan Baseline,
    IReadOnlyList<(string Name, TimeSpan Time)> OwnProcessorTime,
    int Errors,
    int Notes)
{
    public TimeSpan Total => Sum(PerAnalyzer);

    public TimeSpan OwnProcessorTimeTotal => Sum(OwnProcessorTime);

    private static TimeSpan Sum(IReadOnlyList<(string Name, TimeSpan Time)> times) => times.Aggregate(TimeSpan.Zero, (sum, a) => sum + a.Time);
}

/// <summary>
/// Runs the analyzers over the project with its generated files, as a build does, with Roslyn's own
/// per-analyzer execution time (the figures <c>-p:ReportAnalyzer=true</c> prints), after a baseline analyzer
/// (<see cref="SymbolReadingBaseline"/>) that pays for the symbol binding and per-file diagnostic checks the
/// first analyzer would be charged with. The compiler binds on one thread here (no concurrent build): on a small machine its threads would
/// otherwise take the cores from under the analyzers' callbacks, whose wall-clock time Roslyn adds up.
/// Then the processor time of each analyzer's own code, called directly (<see cref="AnalyzerProcessorTime"/>).
/// </summary>
internal static class AnalyzerRuns
{
    public static AnalyzerFigures Measure(Compilation compilation, IReadOnlyList<DiagnosticAnalyzer> analyzers, int repetitions)
    {
        var baseline = new SymbolReadingBaseline();
        var all = new DiagnosticAnalyzer[] { baseline }.Concat(analyzers).ToList();
        var times = all.ToDictionary(a => a, _ => new List<TimeSpan>());
        var ownTimes = analyzers.ToDictionary(a => a.GetType().Name, _ => new List<TimeSpan>());
        var errors = 0;
        var notes = 0;
        var sequential = compilation.WithOptions(compilation.Options.WithConcurrentBuild(false));
        for (var round = -1; round < repetitions; round++)
        {
            // A clone, so each round binds the project afresh as a build does.
            var withAnalyzers = sequential.Clone().WithAnalyzers(
                [.. all],
                new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions([]),
                    onAnalyzerException: null,
                    concurrentAnalysis: false,
                    logAnalyzerExecutionTime: true,
                    reportSuppressedDiagnostics: false));
            var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            notes = diagnostics.Count(d => d.Severity != DiagnosticSeverity.Error && d.Id != SymbolReadingBaseline.DiagnosticId);

            // Another fresh clone for the direct run: the baseline binds what the analyzers read, then each runs alone.
            var own = AnalyzerProcessorTime.Measure(sequential.Clone(), all).Skip(1).ToList();
            if (round < 0)
            {
                continue; // unmeasured: JIT compilation
            }

            foreach (var analyzer in all)
            {
                times[analyzer].Add(withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime);
            }

            foreach (var (name, time) in own)
            {
                ownTimes[name].Add(time);
            }
        }

        return new AnalyzerFigures(
            analyzers.Select(a => (a.GetType().Name, GeneratorRuns.Median(times[a]))).ToList(),
            GeneratorRuns.Median(times[baseline]),
            analyzers.Select(a => (a.GetType().Name, GeneratorRuns.Median(ownTimes[a.GetType().Name]))).ToList(),
            errors,
            notes);
    }
}
