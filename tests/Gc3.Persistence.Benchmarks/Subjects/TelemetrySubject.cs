using System.Diagnostics.Metrics;
using Gc3.Persistence.Telemetry;

namespace Gc3.Persistence.Benchmarks.Subjects;

/// <summary>
/// Another subject run while an <see cref="ActivityListener"/> samples every span of the library and a
/// <see cref="MeterListener"/> takes every measurement of its meter (<c>--telemetry</c>). Set against
/// the same subject run without listeners, in the same repetitions, it shows what telemetry costs when
/// it is on; the subject without listeners shows what the library costs with telemetry off.
/// </summary>
public sealed class TelemetrySubject(Subject inner) : Subject
{
    /// <summary>The suffix of the subject's name after the inner subject's.</summary>
    public const string Suffix = "+telemetry";

    /// <inheritdoc/>
    public override string Name => inner.Name + Suffix;

    /// <inheritdoc/>
    public override string Settings => $"{inner.Settings}; with an ActivityListener sampling every span (AllDataAndRecorded) and a MeterListener on every instrument of {PersistenceTelemetry.MeterName}";

    /// <inheritdoc/>
    public override bool InMemory => inner.InMemory;

    /// <inheritdoc/>
    public override void Run(WorkloadData data, PhaseTimer timer, string directory)
    {
        long spans = 0;
        long measurements = 0;
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PersistenceTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => Interlocked.Increment(ref spans),
        };
        ActivitySource.AddActivityListener(activities);
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PersistenceTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, state) => Interlocked.Increment(ref measurements));
        meters.SetMeasurementEventCallback<double>((instrument, value, tags, state) => Interlocked.Increment(ref measurements));
        meters.Start();

        inner.Run(data, timer, directory);

        // Proof that the listeners heard the run: at least a span and a duration per saved job.
        Check(spans >= data.Jobs.Count && measurements >= data.Jobs.Count, $"the listeners heard {spans} spans and {measurements} measurements for {data.Jobs.Count} jobs");
    }
}
