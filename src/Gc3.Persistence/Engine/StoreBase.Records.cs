using System.Runtime.CompilerServices;
using Gc3.Persistence.Records;

namespace Gc3.Persistence.Engine;

/// <summary>
/// The raw-record API (<see cref="IRecordStore"/>): records as bytes, listed, read and written without
/// the application's types. The defaults work on the five primitives; the file store and the SQL
/// stores override them with streaming listings and the writes that never overwrite.
/// </summary>
public abstract partial class StoreBase : IRecordStore
{
    /// <inheritdoc/>
    public IAsyncEnumerable<RecordInfo> ListRecordInfoAsync(string? tag = null, string? prefix = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ListRecordInfoCoreAsync(tag, prefix, cancellationToken);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<RawRecord> ReadRawRecordsAsync(string? tag = null, string? prefix = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ReadRawRecordsCoreAsync(tag, prefix, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<RawRecord?> ReadRawRecordAsync(Id id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return await ReadRawRecordCoreAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<int> WriteRawRecordsAsync(IReadOnlyList<RawRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfReadOnly("write records");
        if (records.Count == 0)
        {
            return 0;
        }

        var checkedRecords = CheckRawRecords(records, out var highest);

        // As a save does: the counter moves first, so that a crash never leaves a record the counter may give again.
        MoveCounterPast(highest);
        return await WriteRawRecordsCoreAsync(checkedRecords, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<long> ReadIdCounterAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return await ReadIdCounterCoreAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<long> MoveIdCounterPastAsync(long seqNo, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seqNo);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfReadOnly("move the ID counter");
        MoveCounterPast(seqNo);
        return await ReadIdCounterCoreAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Lists the records for <see cref="ListRecordInfoAsync"/>. The default reads every record
    /// (<see cref="ReadRawRecordsCoreAsync"/>); a store that keeps the tag and size beside the record overrides it.
    /// </summary>
    protected virtual async IAsyncEnumerable<RecordInfo> ListRecordInfoCoreAsync(string? tag, string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in ReadRawRecordsCoreAsync(tag, prefix, cancellationToken).ConfigureAwait(false))
        {
            yield return new RecordInfo(record.Id, record.Tag, record.Data.Length, record.State, RecordHeader.TryReadSchemaHash(record.Data.Span[Math.Min(3, record.Data.Length)..]));
        }
    }

    /// <summary>
    /// Reads the records for <see cref="ReadRawRecordsAsync"/>. The default lists the IDs
    /// (<see cref="ListIdsAsync"/>) and reads each record (<see cref="ReadRawRecordCoreAsync"/>).
    /// </summary>
    protected virtual async IAsyncEnumerable<RawRecord> ReadRawRecordsCoreAsync(string? tag, string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var id in await ListIdsAsync(true, cancellationToken).ConfigureAwait(false))
        {
            if (prefix is not null && !string.Equals(prefix, id.Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            RawRecord? record;
            try
            {
                record = await ReadRawRecordCoreAsync(id, cancellationToken).ConfigureAwait(false);
            }
            catch (LoadException e)
            {
                record = new RawRecord(id, null, ReadOnlyMemory<byte>.Empty, Problem: e.Reason);
            }

            if (record is not null && (tag is null || string.Equals(tag, record.Tag, StringComparison.Ordinal)))
            {
                yield return record;
            }
        }
    }

    /// <summary>
    /// Reads one record for <see cref="ReadRawRecordAsync"/>: the default reads it with
    /// <see cref="ReadRecordAsync"/> (which may refuse a record whose length does not match its header).
    /// </summary>
    protected virtual async ValueTask<RawRecord?> ReadRawRecordCoreAsync(Id id, CancellationToken cancellationToken)
    {
        RecordData? data;
        try
        {
            data = await ReadRecordAsync(id, true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(id, e);
        }

        if (data is not { } found)
        {
            return null;
        }

        try
        {
            return new RawRecord(id, RecordHeader.TryReadTag(found.Span), found.Span.ToArray(), null);
        }
        finally
        {
            found.Release();
        }
    }

    /// <summary>
    /// Writes checked records for <see cref="WriteRawRecordsAsync"/>: each record's framing, checksum and
    /// ID were checked, its <see cref="RawRecord.Tag"/> is the one its header names, and the counter is
    /// already past them. Never overwrites: the same bytes already there are skipped, others are a
    /// <see cref="RecordClashException"/>. Returns how many records were written. The default cannot write.
    /// </summary>
    protected virtual ValueTask<int> WriteRawRecordsCoreAsync(IReadOnlyList<RawRecord> records, CancellationToken cancellationToken)
        => throw new NotSupportedException($"{GetType().Name} cannot write raw records.");

    /// <summary>The next number the store's ID counter gives, for <see cref="ReadIdCounterAsync"/>. The default cannot tell.</summary>
    protected virtual ValueTask<long> ReadIdCounterCoreAsync(CancellationToken cancellationToken)
        => throw new NotSupportedException($"{GetType().Name} keeps no ID counter it can read.");

    // Every record must be whole and name the ID it goes under; its tag is the header's.
    private static RawRecord[] CheckRawRecords(IReadOnlyList<RawRecord> records, out long highest)
    {
        highest = -1;
        var result = new RawRecord[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i] ?? throw new ArgumentException("A record is null.", nameof(records));
            ArgumentNullException.ThrowIfNull(record.Id, nameof(records));
            var span = record.Data.Span;
            var frame = RecordFormat.ReadFrame(record.Id, span);
            RecordFormat.VerifyChecksum(record.Id, span);
            RecordFormat.VerifyId(record.Id, frame);
            var tag = RecordFormat.DecodeTag(record.Id, frame.Tag);
            result[i] = record.Problem is null && string.Equals(record.Tag, tag, StringComparison.Ordinal) ? record : record with { Tag = tag, Problem = null };
            highest = Math.Max(highest, record.Id.SeqNo);
        }

        return result;
    }
}
