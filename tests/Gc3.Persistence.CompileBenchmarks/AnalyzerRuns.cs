using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gc3.Persistence.CompileBenchmarks;

/// <summary>The time each analyzer spends on the project (medians), and what they report.</summary>
/// <param name="Errors">GC3P errors: the generated-looking project must have none.</param>
/// <param name="Notes">GC3P warnings and infos (GC3P014 on every type, whose <c>List</c> and <c>Dictionary</c> members no setter tracks).</param>
internal sealed record AnalyzerFigures(IReadOnlyList<(string Name, TimeSpan Time)> PerAnalyzer, int Errors, int Notes)
{
    public TimeSpan Total => PerAnalyzer.Aggregate(TimeSpan.Zero, (sum, a) => sum + a.Time);
}

/// <summary>
/// Runs the analyzers over the project with its generated files, as a build does, with Roslyn's own
/// per-analyzer execution time (the figures <c>-p:ReportAnalyzer=true</c> prints).
/// </summary>
internal static class AnalyzerRuns
{
    public static AnalyzerFigures Measure(Compilation compilation, IReadOnlyList<DiagnosticAnalyzer> analyzers, int repetitions)
    {
        var times = analyzers.ToDictionary(a => a, _ => new List<TimeSpan>());
        var errors = 0;
        var notes = 0;
        var all = analyzers.ToImmutableArray();
        for (var round = -1; round < repetitions; round++)
        {
            // A clone, so each round binds the project afresh as a build does.
            var withAnalyzers = compilation.Clone().WithAnalyzers(
                all,
                new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions([]),
                    onAnalyzerException: null,
                    concurrentAnalysis: false,
                    logAnalyzerExecutionTime: true,
                    reportSuppressedDiagnostics: false));
            var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            notes = diagnostics.Count(d => d.Severity != DiagnosticSeverity.Error);
            if (round < 0)
            {
                continue; // unmeasured: JIT compilation
            }

            foreach (var analyzer in analyzers)
            {
                times[analyzer].Add(withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime);
            }
        }

        return new AnalyzerFigures(analyzers.Select(a => (a.GetType().Name, GeneratorRuns.Median(times[a]))).ToList(), errors, notes);
    }
}
