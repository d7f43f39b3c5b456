namespace Gc3.Persistence.CompileBenchmarks;

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
