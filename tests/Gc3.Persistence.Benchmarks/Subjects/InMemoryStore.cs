using Gc3.Persistence.Engine;

namespace Gc3.Persistence.Benchmarks.Subjects;

/// <summary>
/// A store whose records live in a dictionary: everything a real store does except the I/O, so a
/// save or load through it measures the generated serializer, the cascade, the record format
/// (header and checksum) and the identity map, and nothing else. Single-threaded, for benchmarks.
/// </summary>
public sealed class InMemoryStore : StoreBase
{
    private readonly Dictionary<Id, byte[]> _records = [];
    private long _nextSeqNo = 1;

    /// <summary>Creates an empty store.</summary>
    public InMemoryStore(StoreOptions? options = null)
        : base(options)
        => SetSequenceSource(count =>
        {
            var first = _nextSeqNo;
            _nextSeqNo += count;
            return first;
        });

    /// <summary>The bytes of every record held.</summary>
    public long TotalBytes => _records.Values.Sum(r => (long)r.Length);

    /// <inheritdoc/>
    protected override ValueTask WriteRecordsAsync(IReadOnlyList<PendingRecord> records, bool async, CancellationToken cancellationToken)
    {
        // Indexed, not foreach: enumerating an IReadOnlyList boxes its enumerator.
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            // Reuse the array of a record replaced by one of the same length, as MemoryPack's own
            // benchmark reuses its buffer: what is measured is encoding, not the allocator.
            ref var stored = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_records, record.Id, out _);
            if (stored is null || stored.Length != record.Data.Length)
            {
                stored = new byte[record.Data.Length];
            }

            record.Data.Span.CopyTo(stored);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    protected override ValueTask<RecordData?> ReadRecordAsync(Id id, bool async, CancellationToken cancellationToken)
        => ValueTask.FromResult<RecordData?>(_records.TryGetValue(id, out var record) ? new RecordData(record, record.Length) : null);

    /// <inheritdoc/>
    protected override ValueTask<bool> DeleteRecordAsync(Id id, bool async, CancellationToken cancellationToken)
        => ValueTask.FromResult(_records.Remove(id));

    /// <inheritdoc/>
    protected override ValueTask<IReadOnlyList<Id>> ListIdsAsync(bool async, CancellationToken cancellationToken)
    {
        var ids = _records.Keys.ToList();
        ids.Sort();
        return ValueTask.FromResult<IReadOnlyList<Id>>(ids);
    }
}
