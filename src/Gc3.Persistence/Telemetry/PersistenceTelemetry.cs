using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Gc3.Persistence.Telemetry;

/// <summary>
/// The names under which stores report what they do: one <see cref="ActivitySource"/> (spans for save,
/// load, remove and list) and one <see cref="Meter"/> (records and bytes written and read, records skipped as unchanged, identity-map
/// hits, concurrency conflicts, operation durations). Listen to them with OpenTelemetry
/// (<c>AddSource(PersistenceTelemetry.ActivitySourceName)</c>, <c>AddMeter(PersistenceTelemetry.MeterName)</c>)
/// or with an <see cref="ActivityListener"/> / <see cref="System.Diagnostics.Metrics.MeterListener"/>.
/// With no listener nothing is created or recorded.
/// </summary>
/// <remarks>
/// Span and tag names follow the OpenTelemetry database semantic conventions where one applies
/// (<c>db.system.name</c>, <c>db.operation.name</c>, <c>db.collection.name</c>, <c>error.type</c>);
/// the rest are ours, under <c>gc3.persistence.</c> (see the constants of this class).
/// </remarks>
public static class PersistenceTelemetry
{
    /// <summary>The name of the library's <see cref="ActivitySource"/>: <c>Gc3.Persistence</c>.</summary>
    public const string ActivitySourceName = "Gc3.Persistence";

    /// <summary>The name of the library's <see cref="Meter"/>: <c>Gc3.Persistence</c>.</summary>
    public const string MeterName = "Gc3.Persistence";

    /// <summary>Counter of records written (one per object saved, roots and cascaded objects), unit <c>{record}</c>.</summary>
    public const string RecordsWrittenInstrument = "gc3.persistence.records.written";

    /// <summary>
    /// Counter of records a save encoded but did not write, because their bytes are those the store
    /// last wrote or read for the object (objects whose changes are not tracked, reached by a cascade), unit <c>{record}</c>.
    /// </summary>
    public const string RecordsSkippedInstrument = "gc3.persistence.records.skipped";

    /// <summary>Counter of records read by loads (identity-map hits read none), unit <c>{record}</c>.</summary>
    public const string RecordsReadInstrument = "gc3.persistence.records.read";

    /// <summary>Counter of encoded record bytes written, unit <c>By</c>.</summary>
    public const string BytesWrittenInstrument = "gc3.persistence.bytes.written";

    /// <summary>Counter of encoded record bytes read, unit <c>By</c>.</summary>
    public const string BytesReadInstrument = "gc3.persistence.bytes.read";

    /// <summary>Counter of saves refused because the stored record changed since it was loaded (<see cref="ConcurrencyException"/>), unit <c>{conflict}</c>.</summary>
    public const string ConcurrencyConflictsInstrument = "gc3.persistence.concurrency.conflicts";

    /// <summary>Counter of loads answered from the identity map without reading the store, unit <c>{hit}</c>.</summary>
    public const string IdentityMapHitsInstrument = "gc3.persistence.identity_map.hits";

    /// <summary>
    /// Counter of records saved without members their stored record held (written by another version of the type: a
    /// newer one's values are lost), unit <c>{record}</c>; each is also the warning 1009 in the store's log, naming them.
    /// </summary>
    public const string MembersDroppedInstrument = "gc3.persistence.members.dropped";

    /// <summary>Histogram of the durations of save, load, remove and list operations, unit <c>s</c>.</summary>
    public const string OperationDurationInstrument = "gc3.persistence.operation.duration";

    /// <summary>Tag (semantic conventions): the kind of store: <c>sqlite</c>, <c>postgresql</c>, <c>gc3.file</c> for the file store.</summary>
    public const string DbSystemNameTag = "db.system.name";

    /// <summary>Tag (semantic conventions): <c>save</c>, <c>load</c>, <c>remove</c> or <c>list</c>.</summary>
    public const string DbOperationNameTag = "db.operation.name";

    /// <summary>Tag (semantic conventions): the SQL table, or the file store's directory name.</summary>
    public const string DbCollectionNameTag = "db.collection.name";

    /// <summary>Tag (semantic conventions): the full name of the exception type a failed operation ended with.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>Tag (semantic conventions, on list spans): the number of IDs the list returned.</summary>
    public const string ReturnedRowsTag = "db.response.returned_rows";

    /// <summary>Span attribute: the ID of the record saved (the root; not set on SaveMany), loaded or removed.</summary>
    public const string RecordIdTag = "gc3.persistence.record.id";

    /// <summary>Span attribute: the number of records the operation wrote or read.</summary>
    public const string RecordCountTag = "gc3.persistence.record.count";

    /// <summary>Span attribute of a save: the number of records encoded but not written, unchanged (see <see cref="RecordsSkippedInstrument"/>).</summary>
    public const string SkippedCountTag = "gc3.persistence.record.skipped_count";

    /// <summary>Span attribute: the number of encoded record bytes the operation wrote or read.</summary>
    public const string ByteCountTag = "gc3.persistence.byte.count";

    /// <summary>Span attribute of a load: <see langword="true"/> when the identity map answered it.</summary>
    public const string IdentityMapHitTag = "gc3.persistence.identity_map.hit";

    /// <summary>Span attribute of a remove: whether there was a record to remove.</summary>
    public const string RecordExistedTag = "gc3.persistence.record.existed";

    /// <summary>On a transaction's span: how many removes it committed.</summary>
    public const string RemovedCountTag = "gc3.persistence.record.removed_count";

    /// <summary>On a transaction's span: how many saves, replaces and removes it held (semantic conventions: the operations in a batch).</summary>
    public const string BatchSizeTag = "db.operation.batch.size";

    /// <summary>The <see cref="DbSystemNameTag"/> of the file store (not a name of the semantic conventions).</summary>
    public const string FileSystemName = "gc3.file";

    private static readonly string? Version = typeof(PersistenceTelemetry).Assembly.GetName().Version?.ToString();

    internal static readonly ActivitySource Source = new(ActivitySourceName, Version);

    internal static readonly Meter Meter = new(MeterName, Version);

    internal static readonly Counter<long> RecordsWritten = Meter.CreateCounter<long>(RecordsWrittenInstrument, "{record}", "Records written by saves.");

    internal static readonly Counter<long> RecordsSkipped = Meter.CreateCounter<long>(RecordsSkippedInstrument, "{record}", "Records saves encoded but did not write, unchanged since the store last wrote or read them.");

    internal static readonly Counter<long> RecordsRead = Meter.CreateCounter<long>(RecordsReadInstrument, "{record}", "Records read by loads.");

    internal static readonly Counter<long> BytesWritten = Meter.CreateCounter<long>(BytesWrittenInstrument, "By", "Encoded record bytes written by saves.");

    internal static readonly Counter<long> BytesRead = Meter.CreateCounter<long>(BytesReadInstrument, "By", "Encoded record bytes read by loads.");

    internal static readonly Counter<long> ConcurrencyConflicts = Meter.CreateCounter<long>(ConcurrencyConflictsInstrument, "{conflict}", "Saves refused because the stored record changed since it was loaded.");

    internal static readonly Counter<long> MembersDropped = Meter.CreateCounter<long>(MembersDroppedInstrument, "{record}", "Records saved without members their stored record held (written by another version of the type).");

    internal static readonly Counter<long> IdentityMapHits = Meter.CreateCounter<long>(IdentityMapHitsInstrument, "{hit}", "Loads answered from the identity map.");

    internal static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(OperationDurationInstrument, "s", "Duration of store operations.");
}
