namespace Gc3.Persistence.Benchmarks.Measurement;

/// <summary>One measurement of one phase of one subject in one repetition.</summary>
/// <param name="Subject">The store or reference point measured.</param>
/// <param name="Phase">The phase.</param>
/// <param name="Operations">How many operations (jobs, records, IDs) the phase handled.</param>
/// <param name="Seconds">Wall-clock time of the phase; for <see cref="Measurement.Phase.Bytes"/>, 0.</param>
/// <param name="AllocatedBytes">Managed bytes allocated during the phase (all threads).</param>
/// <param name="PeakBytes">Peak memory during the phase (see <see cref="PeakMemory"/>).</param>
/// <param name="GcPauseSeconds">Time the garbage collector paused the process during the phase.</param>
/// <param name="Size">For <see cref="Measurement.Phase.Bytes"/>: the bytes the subject holds.</param>
public sealed record PhaseSample(string Subject, Phase Phase, int Operations, double Seconds, long AllocatedBytes, long PeakBytes, double GcPauseSeconds = 0, long Size = 0)
{
    /// <summary>Operations per second.</summary>
    public double OpsPerSecond => Operations / Seconds;
}
