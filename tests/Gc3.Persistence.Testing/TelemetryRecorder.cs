using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Gc3.Persistence.Telemetry;

namespace Gc3.Persistence.Testing;

/// <summary>
/// A real <see cref="ActivityListener"/> and <see cref="MeterListener"/> on the library's source and meter
/// that keep only what one store reports (its <c>db.collection.name</c>), so that stores of tests running
/// in parallel do not show up.
/// </summary>
public sealed class TelemetryRecorder : IDisposable
{
    private readonly string _collection;
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;

    public TelemetryRecorder(string collection)
    {
        _collection = collection;
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PersistenceTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem(PersistenceTelemetry.DbCollectionNameTag), _collection))
                {
                    Spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);

        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PersistenceTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, state) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, state) => Record(instrument, value, tags));
        _meters.Start();
    }

    public ConcurrentQueue<Activity> Spans { get; } = new();

    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    public IReadOnlyList<Activity> SpansOf(string operation)
        => Spans.Where(span => Equals(span.GetTagItem(PersistenceTelemetry.DbOperationNameTag), operation)).ToList();

    public double Sum(string instrument) => Measurements.Where(m => m.Instrument == instrument).Sum(m => m.Value);

    public IReadOnlyList<Measurement> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument).ToList();

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        if (Equals(copy.GetValueOrDefault(PersistenceTelemetry.DbCollectionNameTag), _collection))
        {
            Measurements.Enqueue(new Measurement(instrument.Name, value, copy));
        }
    }

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
}
