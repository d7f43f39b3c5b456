using Gc3.Persistence.Records;
using Gc3.Persistence.Serialization;
using MemoryPack;

namespace Gc3.Persistence.Engine;

/// <summary>
/// One call to <c>Save</c>: encodes the root object and, breadth first, every persistable object it
/// reaches that needs writing (no ID yet, <see cref="IPersistable.Changed"/> set, or a type whose
/// changes are not fully tracked). Each object is encoded at most once, so cycles terminate. Nothing
/// is written to the store until every record is encoded, so a failure leaves the store untouched.
/// </summary>
internal sealed class SaveOperation : IServiceProvider, IRecordWriteContext
{
    private const int MaxReusedGraph = 256;
    private readonly StoreBase _store;
    private readonly MemoryPackSerializerOptions _options;
    // The objects this save encodes, each once (an unchanged object it only refers to is not one).
    private readonly Dictionary<object, (PersistableSerializer Serializer, Id Id)> _queued = new(ReferenceEqualityComparer.Instance);
    private readonly Queue<(IPersistable Obj, PersistableSerializer Serializer, Id Id, bool IsRoot, long? ExpectedVersion)> _toEncode = new();
    private readonly List<(Id Id, object Obj, PersistableSerializer Serializer, int Start, int Length, bool IsRoot, long? ExpectedVersion)> _encoded = [];
    private readonly List<IPersistable> _givenNewIds = [];
    private readonly List<PendingRecord> _records = [];

    public SaveOperation(StoreBase store)
    {
        _store = store;
        _options = MemoryPackSerializerOptions.Default with { ServiceProvider = this };
    }

    public RecordBuffer Buffer { get; } = new();

    public object? GetService(Type serviceType) => serviceType == typeof(SaveOperation) || serviceType == typeof(IRecordWriteContext) ? this : null;

    /// <summary>Encodes <paramref name="root"/> (under <paramref name="forcedId"/> when given) and what it reaches.</summary>
    public Id Encode(object root, Id? forcedId)
    {
        var serializer = PersistableRegistry.GetForSave(root);
        var persistable = (IPersistable)root;
        if (forcedId is not null)
        {
            persistable.PersistentId = forcedId;
        }

        if (_queued.TryGetValue(root, out var queued))
        {
            return queued.Id; // reached from an earlier root of this SaveMany, and encoded with it
        }

        var isNew = persistable.PersistentId is null;
        var id = Identify(persistable, serializer);
        _queued[root] = (serializer, id);

        // Replace overwrites whatever the store holds, so it expects no version.
        _toEncode.Enqueue((persistable, serializer, id, true, forcedId is null ? ExpectedVersionOf(root, isNew) : null));

        while (_toEncode.TryDequeue(out var next))
        {
            var start = Buffer.WrittenCount;
            WriteRecord(next.Serializer, next.Id, (IPersistableBody)next.Obj);
            if (Buffer.WrittenCount - start > _store.Options.MaxRecordBytes)
            {
                // It could be written, but never loaded again.
                throw new InvalidOperationException($"The record of '{next.Id}' would be {Buffer.WrittenCount - start} bytes long, more than the largest record the store loads (StoreOptions.MaxRecordBytes, {_store.Options.MaxRecordBytes} bytes); nothing was saved.");
            }

            _encoded.Add((next.Id, next.Obj, next.Serializer, start, Buffer.WrittenCount - start, next.IsRoot, next.ExpectedVersion));
        }

        return id;
    }

    /// <summary>Appends the record of one object, <paramref name="id"/>, to <see cref="Buffer"/>; its references are this save's.</summary>
    public void WriteRecord(PersistableSerializer serializer, Id id, IPersistableBody body)
    {
        using var state = MemoryPackWriterOptionalStatePool.Rent(_options);
        RecordFormat.Write(Buffer, serializer, id, body, state);
    }

    /// <summary>
    /// The encoded records, children after the object that reached them; a list the operation reuses,
    /// valid (like the bytes it points into) until the operation is reset.
    /// </summary>
    public IReadOnlyList<PendingRecord> Records()
    {
        _records.Clear();
        _records.EnsureCapacity(_encoded.Count);
        foreach (var (id, obj, serializer, start, length, isRoot, expectedVersion) in _encoded)
        {
            _records.Add(new PendingRecord(id, obj, serializer, Buffer.Slice(start, length), isRoot, expectedVersion));
        }

        return _records;
    }

    /// <inheritdoc/>
    public (PersistableSerializer Serializer, Id Id) Reference(object value)
    {
        if (_queued.TryGetValue(value, out var known))
        {
            return known;
        }

        var serializer = PersistableRegistry.GetForSave(value);
        var persistable = (IPersistable)value;
        var existing = persistable.PersistentId;
        if (existing is not null && !persistable.Changed && ((IPersistableBody)value).IsFullyTracked)
        {
            // Saved and unchanged: only its ID is written, so there is nothing to remember about it.
            return (serializer, existing);
        }

        var id = Identify(persistable, serializer);
        _queued[value] = (serializer, id);
        _toEncode.Enqueue((persistable, serializer, id, false, ExpectedVersionOf(value, isNew: existing is null)));
        return (serializer, id);
    }

    /// <summary>After the store wrote every record: the objects are clean and known to the identity map.</summary>
    public void Commit(IdentityMap identityMap)
    {
        foreach (var (id, obj, _, _, _, _, _) in _encoded)
        {
            ((IPersistable)obj).Changed = false;
            identityMap.Set(id, obj);
        }
    }

    /// <summary>After a failure: objects that got their first ID in this save lose it again.</summary>
    public void Rollback()
    {
        foreach (var obj in _givenNewIds)
        {
            obj.PersistentId = null;
        }
    }

    /// <summary>
    /// Whether to keep this operation for the next save. Clearing a dictionary costs as much as its
    /// capacity, not its count: after a save of thousands of objects, every later one-object save
    /// would pay for clearing them all, so a fresh operation is cheaper.
    /// </summary>
    public bool WorthReusing => _queued.Count <= MaxReusedGraph;

    public void Reset()
    {
        _queued.Clear();
        _toEncode.Clear();
        _encoded.Clear();
        _givenNewIds.Clear();
        _records.Clear();
        Buffer.Clear();
    }

    // 0: a new object, no record may exist yet; null: no version known, write whatever is stored.
    private long? ExpectedVersionOf(object obj, bool isNew)
        => isNew ? 0 : _store.Versions.TryGet(obj, out var version) ? version : null;

    private Id Identify(IPersistable obj, PersistableSerializer serializer)
    {
        var id = obj.PersistentId;
        if (id is null)
        {
            id = _store.NewId(serializer);
            obj.PersistentId = id;
            _givenNewIds.Add(obj);
        }

        return id;
    }
}
