using System.Text;

namespace Gc3.Persistence.Benchmarks.Measurement;

/// <summary>
/// The medians of the samples of a run, printed as one Markdown table: a row per subject and
/// phase, with the store phases' ratios to their reference points and issue 5's targets.
/// </summary>
public sealed class ResultTable(IReadOnlyList<PhaseSample> samples, IReadOnlyList<Comparison> comparisons)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The median figure of a subject's phase: operations per second, or bytes for <see cref="Phase.Bytes"/>.</summary>
    public double? Median(string subject, Phase phase)
    {
        var values = samples.Where(s => s.Subject == subject && s.Phase == phase)
            .Select(s => phase == Phase.Bytes ? s.Size : s.OpsPerSecond).ToArray();
        return values.Length == 0 ? null : Statistics.Median(values);
    }

    /// <summary>Each comparison whose two figures were measured, with its ratio.</summary>
    public IEnumerable<(Comparison Comparison, double Ratio)> Ratios()
    {
        foreach (var comparison in comparisons)
        {
            if (Median(comparison.Subject, comparison.Phase) is { } subject && Median(comparison.Reference, comparison.Phase) is { } reference && reference > 0)
            {
                yield return (comparison, subject / reference);
            }
        }
    }

    /// <summary>Writes the table.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| phase | subject | median | vs reference (target) | alloc/op | GC pause | peak memory |");
        text.AppendLine("| --- | --- | ---: | --- | ---: | ---: | ---: |");
        var ratios = Ratios().ToList();
        foreach (var phase in PhaseInfo.All)
        {
            foreach (var subject in samples.Where(s => s.Phase == phase).Select(s => s.Subject).Distinct())
            {
                var mine = samples.Where(s => s.Subject == subject && s.Phase == phase).ToList();
                var median = Median(subject, phase)!.Value;
                var figure = phase switch
                {
                    Phase.Bytes => FormatBytes(median),
                    Phase.List => string.Create(Invariant, $"{mine[0].Operations / median * 1000:0.0} ms"),
                    _ => string.Create(Invariant, $"{median:#,0} ops/s"),
                };
                var versus = string.Join("; ", ratios.Where(r => r.Comparison.Subject == subject && r.Comparison.Phase == phase).Select(FormatRatio));
                var allocated = phase == Phase.Bytes ? "" : FormatBytes(Statistics.Median(mine.Select(s => (double)s.AllocatedBytes / Math.Max(1, s.Operations))));
                var peak = phase == Phase.Bytes ? "" : FormatBytes(mine.Max(s => s.PeakBytes));
                var paused = phase == Phase.Bytes ? "" : string.Create(Invariant, $"{Statistics.Median(mine.Select(s => s.GcPauseSeconds / s.Seconds)):0%}");
                text.AppendLine(string.Create(Invariant, $"| {PhaseInfo.Label(phase)} | {subject} | {figure} | {versus} | {allocated} | {paused} | {peak} |"));
            }
        }

        return text.ToString();
    }

    /// <summary>One line on the targets: how many were met, and which were missed.</summary>
    public string TargetSummary()
    {
        var targeted = Ratios().Where(r => r.Comparison.Target is not null).ToList();
        if (targeted.Count == 0)
        {
            return "Targets: none measured in this run.";
        }

        var missed = targeted.Where(r => r.Ratio < r.Comparison.Target).ToList();
        var summary = $"Targets (issue 5): {targeted.Count - missed.Count} of {targeted.Count} met.";
        return missed.Count == 0
            ? summary
            : summary + " Missed: " + string.Join(", ", missed.Select(r => string.Create(Invariant, $"{r.Comparison.Subject} {PhaseInfo.Label(r.Comparison.Phase)} vs {r.Comparison.Reference} {r.Ratio:0.00}x < {r.Comparison.Target:0.0#}x"))) + ".";
    }

    private static string FormatRatio((Comparison Comparison, double Ratio) r)
    {
        var ratio = string.Create(Invariant, $"{r.Ratio:0.00}x {r.Comparison.Reference}");
        return r.Comparison.Target is { } target
            ? ratio + string.Create(Invariant, $" (≥ {target:0.0#}: {(r.Ratio >= target ? "met" : "**missed**")})")
            : ratio;
    }

    private static string FormatBytes(double bytes) => bytes switch
    {
        >= 1 << 30 => string.Create(Invariant, $"{bytes / (1 << 30):0.00} GiB"),
        >= 1 << 20 => string.Create(Invariant, $"{bytes / (1 << 20):0.0} MiB"),
        >= 10 * 1024 => string.Create(Invariant, $"{bytes / 1024:0.0} KiB"),
        _ => string.Create(Invariant, $"{bytes:0} B"),
    };
}
