namespace Gc3.Persistence.CompileBenchmarks;

/// <summary>The printed table: one row per figure, with its target (ours against MemoryPack-only, or a limit) and whether it is met.</summary>
internal sealed class ResultTable
{
    private readonly List<string> _rows = [];
    private int _targets;
    private int _met;

    /// <summary>A figure of ours against MemoryPack's; <paramref name="target"/> is the highest ratio allowed.</summary>
    public void Compare(string measure, TimeSpan ours, TimeSpan theirs, double? target)
        => Compare(measure, Time(ours), Time(theirs), ours.TotalMilliseconds / Math.Max(theirs.TotalMilliseconds, 0.001), target);

    public void Compare(string measure, long ours, long theirs, double? target)
        => Compare(measure, $"{ours:N0}", $"{theirs:N0}", theirs == 0 ? (ours == 0 ? 1 : double.PositiveInfinity) : (double)ours / theirs, target);

    /// <summary>A figure of ours alone; <paramref name="limit"/> is the time it must stay under.</summary>
    public void Alone(string measure, TimeSpan ours, TimeSpan? limit)
    {
        if (limit is not { } l)
        {
            _rows.Add($"| {measure} | {Time(ours)} | - | - | - | - |");
            return;
        }

        _rows.Add($"| {measure} | {Time(ours)} | - | - | < {Time(l)} | {Verdict(ours < l)} |");
    }

    public void Count(string measure, int ours) => _rows.Add($"| {measure} | {ours:N0} | - | - | - | - |");

    public void Skipped(string measure, string why) => _rows.Add($"| {measure} | {why} | - | - | - | - |");

    public void Write(TextWriter output)
    {
        output.WriteLine("| measure | gc3 | memorypack-only | ratio | target | result |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var row in _rows)
        {
            output.WriteLine(row);
        }

        output.WriteLine($"Targets (issue 12): {_met} of {_targets} met");
    }

    private void Compare(string measure, string ours, string theirs, double ratio, double? target)
    {
        var verdict = target is { } t ? $"<= {t:0.0}x | {Verdict(ratio <= t)}" : "- | -";
        _rows.Add($"| {measure} | {ours} | {theirs} | {ratio:0.00}x | {verdict} |");
    }

    private string Verdict(bool met)
    {
        _targets++;
        if (met)
        {
            _met++;
        }

        return met ? "met" : "missed";
    }

    private static string Time(TimeSpan time)
        => time.TotalSeconds >= 1 ? $"{time.TotalSeconds:0.00} s" : $"{time.TotalMilliseconds:0.0} ms";
}
