namespace Gc3.Persistence.Benchmarks.Measurement;

/// <summary>
/// Times the phases of the subject being run and keeps the samples. Before each phase it flushes
/// dirty pages to disk and collects garbage, so one phase does not pay for the last one's (a load
/// right after saving 100,000 files otherwise competes with the kernel writing 400 MB of them
/// back), and resets the memory peak; it counts the managed bytes the phase allocates. Phases not selected still run (later phases need their
/// results) but are not recorded, nor are warm-up runs.
/// </summary>
public sealed class PhaseTimer(IReadOnlySet<char> selectedPhases)
{
    private readonly List<PhaseSample> _samples = [];

    /// <summary>The subject whose phases are being timed.</summary>
    public string Subject { get; set; } = "";

    /// <summary>Whether samples are kept (false while warming up).</summary>
    public bool Recording { get; set; }

    /// <summary>Every sample kept so far.</summary>
    public IReadOnlyList<PhaseSample> Samples => _samples;

    /// <summary>Whether <paramref name="phase"/> was asked for.</summary>
    public bool IsSelected(Phase phase) => selectedPhases.Contains(PhaseInfo.Letter(phase));

    /// <summary>Runs and times <paramref name="body"/> as <paramref name="phase"/>, which handles <paramref name="operations"/> operations.</summary>
    public void Time(Phase phase, int operations, Action body)
    {
        MachineInfo.SyncDisks();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        PeakMemory.Reset();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pausedBefore = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        body();
        clock.Stop();
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var peak = PeakMemory.Peak();
        if (Recording && IsSelected(phase))
        {
            _samples.Add(new PhaseSample(Subject, phase, operations, clock.Elapsed.TotalSeconds, allocated, peak, paused.TotalSeconds));
        }
    }

    /// <summary>Records how many bytes the subject holds after phase C.</summary>
    public void RecordSize(long bytes)
    {
        if (Recording && IsSelected(Phase.Bytes))
        {
            _samples.Add(new PhaseSample(Subject, Phase.Bytes, 0, 0, 0, 0, Size: bytes));
        }
    }
}
