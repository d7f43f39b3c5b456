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
