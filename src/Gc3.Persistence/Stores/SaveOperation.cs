using Gc3.Persistence.Records;
using Gc3.Persistence.Serialization;
using MemoryPack;

namespace Gc3.Persistence.Stores;

/// <summary>
/// One call to <c>Save</c>: encodes the root object and, breadth first, every persistable object it
/// reaches that needs writing (no ID yet, <see cref="IPersistable.Changed"/> set, or a type whose
/// changes are not fully tracked). Each object is encoded at most once, so cycles terminate. Nothing
/// is written to the store until every record is encoded, so a failure leaves the store untouched.
/// </summary>
internal sealed class SaveOperation : IServiceProvider
{
    private const int MaxReusedGraph = 256;
    private readonly StoreBase _store;
    private readonly MemoryPackSerializerOptions _options;
    private readonly Dictionary<object, (PersistableSerializer Serializer, Id Id)> _visited = new(ReferenceEqualityComparer.Instance);
    private readonly Queue<(IPersistable Obj, PersistableSerializer Serializer, Id Id, bool IsRoot, long? ExpectedVersion)> _toEncode = new();
    private readonly HashSet<object> _queued = new(ReferenceEqualityComparer.Instance);
    private readonly List<(Id Id, object Obj, PersistableSerializer Serializer, int Start, int Length, bool IsRoot, long? ExpectedVersion)> _encoded = [];
    private readonly List<IPersistable> _givenNewIds = [];
    private readonly List<PendingRecord> _records = [];

    public SaveOperation(StoreBase store)
    {
        _store = store;
        _options = MemoryPackSerializerOptions.Default with { ServiceProvider = this };
    }

    public RecordBuffer Buffer { get; } = new();

    public object? GetService(Type serviceType) => serviceType == typeof(SaveOperation) ? this : null;

    /// <summary>Encodes <paramref name="root"/> (under <paramref name="forcedId"/> when given) and what it reaches.</summary>
    public Id Encode(object root, Id? forcedId)
    {
        var serializer = PersistableRegistry.GetForSave(root);
        var persistable = (IPersistable)root;
        if (forcedId is not null)
        {
            persistable.PersistentId = forcedId;
        }

        var isNew = persistable.PersistentId is null;
        var id = _visited.TryGetValue(root, out var seen) ? seen.Id : IdentifyAndVisit(persistable, serializer);
        if (_queued.Add(root))
        {
            // Replace overwrites whatever the store holds, so it expects no version.
            _toEncode.Enqueue((persistable, serializer, id, true, forcedId is null ? ExpectedVersionOf(root, isNew) : null));
        }

        while (_toEncode.TryDequeue(out var next))
        {
            var start = Buffer.WrittenCount;
            using (var state = MemoryPackWriterOptionalStatePool.Rent(_options))
            {
                RecordFormat.Write(Buffer, next.Serializer, (IPersistableBody)next.Obj, state);
            }

            _encoded.Add((next.Id, next.Obj, next.Serializer, start, Buffer.WrittenCount - start, next.IsRoot, next.ExpectedVersion));
        }

        return id;
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

    /// <summary>Called by <see cref="PersistableReferenceFormatter{T}"/> for each persistable object inside a record.</summary>
    public (PersistableSerializer Serializer, Id Id) Reference(object value)
    {
        if (_visited.TryGetValue(value, out var known))
        {
            return known;
        }

        var serializer = PersistableRegistry.GetForSave(value);
        var persistable = (IPersistable)value;
        var isNew = persistable.PersistentId is null;
        var id = IdentifyAndVisit(persistable, serializer);
        if ((isNew || persistable.Changed || !((IPersistableBody)value).IsFullyTracked) && _queued.Add(value))
        {
            _toEncode.Enqueue((persistable, serializer, id, false, ExpectedVersionOf(value, isNew)));
        }

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
    public bool WorthReusing => _visited.Count <= MaxReusedGraph;

    public void Reset()
    {
        _visited.Clear();
        _toEncode.Clear();
        _queued.Clear();
        _encoded.Clear();
        _givenNewIds.Clear();
        _records.Clear();
        Buffer.Clear();
    }

    // 0: a new object, no record may exist yet; null: no version known, write whatever is stored.
    private long? ExpectedVersionOf(object obj, bool isNew)
        => isNew ? 0 : _store.Versions.TryGet(obj, out var version) ? version : null;

    private Id IdentifyAndVisit(IPersistable obj, PersistableSerializer serializer)
    {
        var id = obj.PersistentId;
        if (id is null)
        {
            id = _store.NewId(serializer);
            obj.PersistentId = id;
            _givenNewIds.Add(obj);
        }

        _visited[obj] = (serializer, id);
        return id;
    }
}
