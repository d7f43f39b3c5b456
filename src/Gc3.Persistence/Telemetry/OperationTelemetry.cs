using System.Diagnostics;

namespace Gc3.Persistence.Telemetry;

/// <summary>
/// The span and the measurements of one store operation. Created whatever happens; it costs a
/// <see cref="ActivitySource.HasListeners"/> check and an <see cref="System.Diagnostics.Metrics.Instrument.Enabled"/>
/// check when nobody listens, and allocates nothing then.
/// </summary>
internal readonly struct OperationTelemetry
{
    private readonly StoreTelemetryNames _names;
    private readonly StoreOperationKind _kind;
    private readonly long _startTimestamp;

    private OperationTelemetry(StoreTelemetryNames names, StoreOperationKind kind, Activity? activity, long startTimestamp)
    {
        _names = names;
        _kind = kind;
        Activity = activity;
        _startTimestamp = startTimestamp;
    }

    /// <summary>The operation's span; <see langword="null"/> when no listener wants it.</summary>
    public Activity? Activity { get; }

    public static OperationTelemetry Start(StoreTelemetryNames names, StoreOperationKind kind, Id? id)
    {
        var activity = PersistenceTelemetry.Source.HasListeners()
            ? PersistenceTelemetry.Source.StartActivity(names.SpanName(kind), ActivityKind.Client)
            : null;
        if (activity is not null)
        {
            activity.SetTag(PersistenceTelemetry.DbSystemNameTag, names.SystemName);
            activity.SetTag(PersistenceTelemetry.DbOperationNameTag, StoreTelemetryNames.OperationName(kind));
            activity.SetTag(PersistenceTelemetry.DbCollectionNameTag, names.CollectionName);
            if (id is not null)
            {
                activity.SetTag(PersistenceTelemetry.RecordIdTag, id.ToString());
            }
        }

        var start = PersistenceTelemetry.OperationDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        return new OperationTelemetry(names, kind, activity, start);
    }

    /// <summary>Whether record and byte counts are wanted (by the span or the counters): skip counting otherwise.</summary>
    public bool WantsCounts => Activity is not null || PersistenceTelemetry.RecordsWritten.Enabled || PersistenceTelemetry.RecordsRead.Enabled
        || PersistenceTelemetry.BytesWritten.Enabled || PersistenceTelemetry.BytesRead.Enabled;

    /// <summary>
    /// The operation succeeded having written (save) or read (load) <paramref name="records"/> records of
    /// <paramref name="bytes"/> bytes in all, and (save) left <paramref name="skipped"/> unchanged records unwritten.
    /// </summary>
    public void Succeed(long records = 0, long bytes = 0, long skipped = 0)
    {
        if (_kind is StoreOperationKind.Save or StoreOperationKind.Load or StoreOperationKind.Transaction)
        {
            var tags = new TagList
            {
                { PersistenceTelemetry.DbSystemNameTag, _names.SystemName },
                { PersistenceTelemetry.DbCollectionNameTag, _names.CollectionName },
            };
            var written = _kind != StoreOperationKind.Load;
            if (records != 0)
            {
                (written ? PersistenceTelemetry.RecordsWritten : PersistenceTelemetry.RecordsRead).Add(records, tags);
                (written ? PersistenceTelemetry.BytesWritten : PersistenceTelemetry.BytesRead).Add(bytes, tags);
            }

            if (skipped != 0)
            {
                PersistenceTelemetry.RecordsSkipped.Add(skipped, tags);
            }

            if (Activity is not null)
            {
                Activity.SetTag(PersistenceTelemetry.RecordCountTag, records);
                Activity.SetTag(PersistenceTelemetry.ByteCountTag, bytes);
                if (written)
                {
                    Activity.SetTag(PersistenceTelemetry.SkippedCountTag, skipped);
                }
            }
        }

        RecordDuration(errorType: null);
        Activity?.Dispose();
    }

    /// <summary>A load was answered from the identity map: counts the hit and marks the span.</summary>
    public void IdentityMapHit()
    {
        PersistenceTelemetry.IdentityMapHits.Add(
            1,
            new KeyValuePair<string, object?>(PersistenceTelemetry.DbSystemNameTag, _names.SystemName),
            new KeyValuePair<string, object?>(PersistenceTelemetry.DbCollectionNameTag, _names.CollectionName));
        Activity?.SetTag(PersistenceTelemetry.IdentityMapHitTag, true);
    }

    /// <summary>The operation ended with <paramref name="exception"/>.</summary>
    public void Fail(Exception exception)
    {
        var errorType = exception.GetType().FullName ?? exception.GetType().Name;
        if (exception is ConcurrencyException)
        {
            PersistenceTelemetry.ConcurrencyConflicts.Add(
                1,
                new KeyValuePair<string, object?>(PersistenceTelemetry.DbSystemNameTag, _names.SystemName),
                new KeyValuePair<string, object?>(PersistenceTelemetry.DbCollectionNameTag, _names.CollectionName));
        }

        if (Activity is not null)
        {
            Activity.SetStatus(ActivityStatusCode.Error, exception.Message);
            Activity.SetTag(PersistenceTelemetry.ErrorTypeTag, errorType);
        }

        RecordDuration(errorType);
        Activity?.Dispose();
    }

    private void RecordDuration(string? errorType)
    {
        if (_startTimestamp == 0 || !PersistenceTelemetry.OperationDuration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { PersistenceTelemetry.DbOperationNameTag, StoreTelemetryNames.OperationName(_kind) },
            { PersistenceTelemetry.DbSystemNameTag, _names.SystemName },
            { PersistenceTelemetry.DbCollectionNameTag, _names.CollectionName },
        };
        if (errorType is not null)
        {
            tags.Add(PersistenceTelemetry.ErrorTypeTag, errorType);
        }

        PersistenceTelemetry.OperationDuration.Record(Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds, tags);
    }
}
