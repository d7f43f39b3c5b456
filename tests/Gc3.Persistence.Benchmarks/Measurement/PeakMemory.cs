namespace Gc3.Persistence.Benchmarks.Measurement;

/// <summary>
/// The peak resident set size (RSS) of this process during one phase. On Linux the kernel's
/// high-water mark (<c>VmHWM</c>) is reset before each phase by writing 5 to
/// <c>/proc/self/clear_refs</c>, so each phase gets its own peak; elsewhere, and where the reset is
/// not allowed, it falls back to <see cref="Process.PeakWorkingSet64"/>, a peak since the process started.
/// </summary>
public static class PeakMemory
{
    private const string ClearRefs = "/proc/self/clear_refs";
    private const string Status = "/proc/self/status";

    /// <summary>Whether peaks are per phase (true) or since the start of the process.</summary>
    public static bool PerPhase { get; } = ProbeReset();

    /// <summary>What the peak-memory figures are, for the table's notes.</summary>
    public static string Description => PerPhase
        ? "peak RSS during the phase (Linux VmHWM, reset before each phase; includes the runtime and what the process held before the phase)"
        : "peak working set of the process so far (Process.PeakWorkingSet64)";

    /// <summary>Starts a new peak.</summary>
    public static void Reset()
    {
        if (PerPhase)
        {
            File.WriteAllText(ClearRefs, "5");
        }
    }

    /// <summary>The peak in bytes since <see cref="Reset"/> (or since the process started).</summary>
    public static long Peak()
    {
        if (PerPhase)
        {
            foreach (var line in File.ReadLines(Status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return Kilobytes(line, "VmHWM:");
                }
            }
        }

        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }

    /// <summary>The resident set size now (Linux <c>VmRSS</c>; elsewhere the working set).</summary>
    public static long Current()
    {
        if (OperatingSystem.IsLinux() && File.Exists(Status))
        {
            foreach (var line in File.ReadLines(Status))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return Kilobytes(line, "VmRSS:");
                }
            }
        }

        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }

    private static long Kilobytes(string line, string label)
    {
        var kb = line.AsSpan(label.Length).Trim();
        kb = kb[..kb.IndexOf(' ')];
        return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    private static bool ProbeReset()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(ClearRefs))
        {
            return false;
        }

        try
        {
            File.WriteAllText(ClearRefs, "5");
            return File.ReadLines(Status).Any(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
