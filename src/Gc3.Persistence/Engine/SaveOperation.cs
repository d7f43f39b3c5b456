using Gc3.Persistence.Records;
using Gc3.Persistence.Serialization;
using Gc3.Persistence.Telemetry;
using MemoryPack;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Engine;

/// <summary>
/// One call to <c>Save</c>: encodes the root object and, breadth first, every persistable object it
/// reaches that may need writing (no ID yet, <see cref="IPersistable.Changed"/> set, or a type whose
/// changes are not fully tracked). Each object is encoded at most once, so cycles terminate. A reached
/// object whose record comes out byte for byte as the store last wrote or read it (same
/// <see cref="RecordFingerprint"/>) is not written again; the roots always are. Nothing is written to
/// the store until every record is encoded, so a failure leaves the store untouched.
/// <para>
/// An object belongs to the stores of the place that loaded or saved it (<see cref="ObjectVersions.OwnerOf"/>):
/// reaching one that belongs to another place only is an error before anything is written, since its
/// ID could name an unrelated record here; <see cref="StoreBase.Import"/> copies such objects on purpose.
/// </para>
/// </summary>
internal sealed class SaveOperation : IServiceProvider, IRecordWriteContext
{
    private readonly StoreBase _store;
    private readonly MemoryPackSerializerOptions _options;
    // The objects this save encodes, each once (an unchanged object it only refers to is not one).
    private readonly Dictionary<object, (PersistableSerializer Serializer, Id Id)> _queued = new(ReferenceEqualityComparer.Instance);
    private readonly Queue<(IPersistable Obj, PersistableSerializer Serializer, Id Id, bool IsRoot, long? ExpectedVersion)> _toEncode = new();
    private readonly List<(Id Id, object Obj, PersistableSerializer Serializer, int Start, int Length, bool IsRoot, long? ExpectedVersion, ulong Fingerprint)> _encoded = [];
    private readonly List<IPersistable> _givenNewIds = [];
    private readonly List<IPersistable> _unchanged = [];
    // Objects whose Changed this save cleared as it encoded them: set again if the save fails.
    private readonly List<IPersistable> _cleared = [];
    // Objects a transaction gave an ID before encoding them (StoreTransaction.Save): still new.
    private readonly HashSet<object> _reserved = new(ReferenceEqualityComparer.Instance);
    private bool _import;
    // The record being encoded, named when it refers to an object that cannot be saved.
    private (object? Obj, Id? Id) _encoding;
    // The last error Reference raised: the library's own, passed on unwrapped (see WriteRecord).
    private Exception? _refused;
    private readonly List<PendingRecord> _records = [];
    // The identity map told that this save writes _records (BeginWrite), until it ends (EndWrite).
    private IdentityMap? _writingIn;

    public SaveOperation(StoreBase store)
    {
        _store = store;
        _options = MemoryPackSerializerOptions.Default with { ServiceProvider = this };
    }

    public RecordBuffer Buffer { get; } = new();

    /// <summary>How many reached objects were encoded but not written, their records unchanged.</summary>
    public int SkippedCount => _unchanged.Count;

    /// <summary>
    /// The highest ID number this save writes that the store's counter did not give out for it
    /// (<c>Replace</c>, <c>Import</c>, an ID set by hand); -1 when there is none. The store moves its
    /// counter past it before writing, so that no later save is given one of these IDs.
    /// </summary>
    public long MaxGivenSeqNo { get; private set; } = -1;

    public object? GetService(Type serviceType) => serviceType == typeof(SaveOperation) || serviceType == typeof(IRecordWriteContext) ? this : null;

    /// <summary>
    /// Encodes <paramref name="root"/> (under <paramref name="forcedId"/> when given) and what it
    /// reaches; with <paramref name="import"/>, every object it reaches, under the IDs they have,
    /// whatever store they belong to.
    /// </summary>
    public Id Encode(object root, Id? forcedId, bool import = false)
    {
        var serializer = PersistableRegistry.GetForSave(root);
        var persistable = (IPersistable)root;
        _import |= import;
        if (forcedId is not null)
        {
            persistable.PersistentId = forcedId;
            Given(forcedId);
        }

        if (_queued.TryGetValue(root, out var queued))
        {
            return queued.Id; // reached from an earlier root of this SaveMany, and encoded with it
        }

        var isNew = persistable.PersistentId is null || (forcedId is null && _reserved.Contains(root));
        if (!isNew && forcedId is null)
        {
            NewObjectClaims.ThrowIfClaimedByOther(root, this);
            CheckOwner(root, persistable.PersistentId!);
        }

        var id = Identify(persistable, serializer, claim: true);
        _queued[root] = (serializer, id);

        // Replace and Import overwrite whatever the store holds, so they expect no version.
        _toEncode.Enqueue((persistable, serializer, id, true, forcedId is null && !_import ? ExpectedVersionOf(root, isNew) : isNew ? 0 : null));

        while (_toEncode.TryDequeue(out var next))
        {
            var start = Buffer.WrittenCount;
            _encoding = (next.Obj, next.Id);

            // Cleared before the object is read, not after the write: a change made meanwhile (another
            // thread, or code running while an async save writes) marks it again for the next save.
            if (next.Obj.Changed)
            {
                next.Obj.Changed = false;
                _cleared.Add(next.Obj);
            }

            WriteRecord(next.Serializer, next.Id, (IPersistableBody)next.Obj);
            var length = Buffer.WrittenCount - start;
            if (length > _store.Options.MaxRecordBytes)
            {
                // It could be written, but never loaded again.
                throw new InvalidOperationException($"The record of '{next.Id}' would be {length} bytes long, more than the largest record the store loads (StoreOptions.MaxRecordBytes, {_store.Options.MaxRecordBytes} bytes); nothing was saved.");
            }

            var fingerprint = RecordFingerprint.Of(Buffer.WrittenSpan.Slice(start, length));

            // A reached object whose record is the one the store holds: nothing to write.
            if (!next.IsRoot && next.ExpectedVersion != 0 && _store.Versions.HasFingerprint(next.Obj, fingerprint))
            {
                Buffer.Truncate(start);
                _unchanged.Add(next.Obj);
                continue;
            }

            if (_store.Options.DroppedMembers == DroppedMemberHandling.Refuse && DroppedMemberObjects.Of(next.Obj) is { } dropped)
            {
                throw RefusedDrop(next.Id, next.Serializer, dropped);
            }

            _encoded.Add((next.Id, next.Obj, next.Serializer, start, length, next.IsRoot, next.ExpectedVersion, fingerprint));
        }

        _encoding = default;

        return id;
    }

    /// <summary>
    /// Gives <paramref name="root"/> its ID now, if it has none, and encodes it later (a transaction's
    /// <c>Save</c>): it still counts as new, so no record may exist under that ID, and <see cref="Rollback"/>
    /// takes the ID back.
    /// </summary>
    public Id Reserve(object root)
    {
        var serializer = PersistableRegistry.GetForSave(root);
        var persistable = (IPersistable)root;
        if (persistable.PersistentId is { } existing)
        {
            if (!_reserved.Contains(root))
            {
                CheckOwner(root, existing);
            }

            return existing;
        }

        _reserved.Add(root);
        return Identify(persistable, serializer, claim: false);
    }

    /// <summary>Appends the record of one object, <paramref name="id"/>, to <see cref="Buffer"/>; its references are this save's.</summary>
    public void WriteRecord(PersistableSerializer serializer, Id id, IPersistableBody body)
    {
        using var state = MemoryPackWriterOptionalStatePool.Rent(_options);
        try
        {
            RecordFormat.Write(Buffer, serializer, id, body, state);
        }
        catch (MemoryPackSerializationException e)
        {
            // The library's own strings never fail to encode (see Utf16Text); MemoryPack's generated code for a
            // [MemoryPackable] type writes its strings as UTF-8 only, and says no more than "Failed in Utf8 encoding".
            var why = e.Message.Contains("Utf8", StringComparison.Ordinal)
                ? " A string inside a [MemoryPackable] value of it holds a lone surrogate (half of a UTF-16 pair), which the code MemoryPack generates cannot write (in a member of a [Persistable] type, such text comes back exactly)."
                : "";
            throw new InvalidOperationException($"The record of '{id}' ({serializer.Type.FullName}) cannot be encoded: {e.Message}{why} Nothing was saved.", e);
        }
        catch (Exception e) when (e is not OperationCanceledException && !ReferenceEquals(e, _refused))
        {
            // The application's code, a getter of a member or of a [MemoryPackable] value one holds: name the record, as a load does.
            throw new InvalidOperationException($"The record of '{id}' ({serializer.Type.FullName}) cannot be encoded: a getter of its members, or of a value one holds, threw {e.GetType().Name}: {e.Message} "
                + "(the exception's stack trace names it). Nothing was saved.", e);
        }
    }

    /// <summary>
    /// The encoded records, children after the object that reached them; a list the operation reuses,
    /// valid (like the bytes it points into) until the operation is reset.
    /// </summary>
    public IReadOnlyList<PendingRecord> Records()
    {
        _records.Clear();
        _records.EnsureCapacity(_encoded.Count);
        foreach (var (id, obj, serializer, start, length, isRoot, expectedVersion, _) in _encoded)
        {
            _records.Add(new PendingRecord(id, obj, serializer, Buffer.Slice(start, length), isRoot, expectedVersion));
        }

        return _records;
    }

    /// <summary>
    /// The store is about to write <see cref="Records"/>: until this save ends, a load of one of their IDs that reads the
    /// record gives this save's object, not one of its own (<see cref="IdentityMap.BeginSaving"/>).
    /// </summary>
    public void BeginWrite(IdentityMap identityMap)
    {
        identityMap.BeginSaving(_records);
        _writingIn = identityMap;
    }

    /// <inheritdoc/>
    public (PersistableSerializer Serializer, Id Id) Reference(object value)
    {
        try
        {
            return Refer(value);
        }
        catch (Exception e)
        {
            // The library's own error about the reference, which names what it needs to: WriteRecord lets it through as it is.
            _refused = e;
            throw;
        }
    }

    private (PersistableSerializer Serializer, Id Id) Refer(object value)
    {
        if (_queued.TryGetValue(value, out var known))
        {
            return known;
        }

        var serializer = PersistableRegistry.GetForSave(value, _encoding.Obj, _encoding.Id);
        var persistable = (IPersistable)value;
        var existing = persistable.PersistentId;
        if (existing is not null && _reserved.Contains(value))
        {
            existing = null; // given by this transaction, not yet written: new
        }
        else if (existing is not null)
        {
            NewObjectClaims.ThrowIfClaimedByOther(value, this);
            CheckOwner(value, existing);
            if (!_import && !persistable.Changed && ((IPersistableBody)value).IsFullyTracked)
            {
                // Saved and unchanged: only its ID is written, so there is nothing to remember about it.
                return (serializer, existing);
            }
        }

        var id = Identify(persistable, serializer, claim: true);
        _queued[value] = (serializer, id);
        _toEncode.Enqueue((persistable, serializer, id, false, _import ? (existing is null ? 0 : null) : ExpectedVersionOf(value, isNew: existing is null)));
        return (serializer, id);
    }

    /// <summary>
    /// After the store wrote every record: the objects are known to the identity map and their records
    /// remembered. Their <see cref="IPersistable.Changed"/> was cleared as they were encoded, so one
    /// changed since stays marked. A record that held members its type lacks
    /// (<see cref="DroppedMemberObjects"/>) is written without them: a warning to <paramref name="logger"/> names them, and the counter
    /// <see cref="PersistenceTelemetry.MembersDroppedInstrument"/> counts it.
    /// </summary>
    public void Commit(IdentityMap identityMap, ObjectVersions versions, ILogger logger, StoreTelemetryNames names)
    {
        List<(Id Id, PersistableSerializer Serializer, DroppedMembers Dropped)>? drops = null;
        try
        {
            foreach (var (id, obj, serializer, _, _, _, _, fingerprint) in _encoded)
            {
                identityMap.Set(id, obj);
                versions.RememberWritten(obj, fingerprint);
                if (DroppedMemberObjects.Written(obj, versions.Location) is { } dropped)
                {
                    (drops ??= []).Add((id, serializer, dropped));
                }
            }
        }
        finally
        {
            // Before the application's logger and meter listeners are called: one that loads an ID of this save
            // gets its object, and does not wait for a save that waits for it.
            EndWrite();
        }

        if (drops is null)
        {
            return;
        }

        // Reported once every object is known: a meter listener of the application's that throws leaves none of them unknown.
        foreach (var (id, serializer, dropped) in drops)
        {
            StoreLog.DroppedMembers(logger, id, dropped.Listed, dropped.Schema, serializer.Type.FullName ?? serializer.Tag);
            PersistenceTelemetry.MembersDropped.Add(
                1,
                new KeyValuePair<string, object?>(PersistenceTelemetry.DbSystemNameTag, names.SystemName),
                new KeyValuePair<string, object?>(PersistenceTelemetry.DbCollectionNameTag, names.CollectionName));
        }
    }

    // StoreOptions.DroppedMembers is Refuse: the record would be written without members it holds.
    private static StoreException RefusedDrop(Id id, PersistableSerializer serializer, DroppedMembers dropped)
    {
        var type = serializer.Type.FullName ?? serializer.Tag;
        return new StoreException(
            $"Did not save '{id}': its record holds the members {dropped.Listed}, which {type} lacks "
            + $"(it was written with the schema {dropped.Schema}, another version of {type}), and saving it would lose their values; "
            + "StoreOptions.DroppedMembers is Refuse. Nothing was saved: the record keeps them. If a newer version of the application wrote them, "
            + "upgrade this process to that version before it saves such records; if they were removed "
            + $"from {type} on purpose, save it through a store opened with DroppedMembers = Warn (the default), which writes it without them.");
    }

    /// <summary>
    /// After a failure: objects that got their first ID in this save lose it again (unless <paramref name="keepIds"/>: the store
    /// finishes the save, see <see cref="StoreException.Committed"/>), and those it found changed are changed still.
    /// </summary>
    public void Rollback(bool keepIds = false)
    {
        foreach (var obj in _givenNewIds)
        {
            // A transaction gave it its ID without a claim: a save of the store's own may have written it under that ID since, and it keeps it.
            if (!keepIds && (!_reserved.Contains(obj) || _store.Versions.OwnerOf(obj, out _) == ObjectVersions.Ownership.None))
            {
                obj.PersistentId = null;
            }
        }

        foreach (var obj in _cleared)
        {
            obj.Changed = true;
        }

        // The objects are as before the save: a load that waited for it reads the store again.
        EndWrite();
    }

    /// <summary>
    /// Whether to keep this operation for the next save. Clearing a dictionary costs as much as its
    /// capacity, not its count: after a save of thousands of objects, every later one-object save
    /// would pay for clearing them all, so a fresh operation is cheaper.
    /// </summary>
    public bool WorthReusing => _queued.Count <= StoreBase.MaxReusedGraph;

    /// <summary>Whether the operation's tables grew past <see cref="StoreBase.MaxReusedGraph"/> entries (a large save used it).</summary>
    public bool HasLargeTables => _queued.EnsureCapacity(0) > StoreBase.MaxReusedGraph;

    public void Reset()
    {
        _import = false;
        _refused = null;
        _encoding = default; // a save that failed while encoding would keep its object (and all it reaches) alive in the reused operation
        MaxGivenSeqNo = -1;
        // Here, the one step every save ends with, after Commit (so a save that finds an object unclaimed finds its
        // version remembered) or Rollback (so it finds it without the ID it lost).
        ReleaseClaims();
        EndWrite(); // a save that ended neither by Commit nor by Rollback
        _unchanged.Clear();
        _cleared.Clear();
        _queued.Clear();
        _toEncode.Clear();
        _encoded.Clear();
        _givenNewIds.Clear();
        _reserved.Clear();
        _records.Clear();
        Buffer.Clear();
    }

    // 0: a new object, no record may exist yet; null: no version known, write whatever is stored.
    private long? ExpectedVersionOf(object obj, bool isNew)
        => isNew ? 0 : _store.Versions.TryGet(obj, out var version) ? version : null;

    // An object with an ID must belong to this store's place: elsewhere, its ID may be an unrelated
    // record of this store. One no store has seen (its ID set by hand) writes the ID it has.
    private void CheckOwner(object obj, Id id)
    {
        switch (_store.Versions.OwnerOf(obj, out var owner))
        {
            case ObjectVersions.Ownership.Here:
                return;
            case ObjectVersions.Ownership.Elsewhere when !_import:
                throw new InvalidOperationException(
                    $"'{id}' ({obj.GetType().Name}) belongs to the store {owner}, which loaded or saved it, not to {_store.Versions.Location}: " +
                    $"its ID may name an unrelated record here, so nothing was saved. To copy it and the objects it reaches into {_store.Versions.Location} " +
                    "under their IDs, call Import(obj) on that store; to add it as a new object, save a new instance.");
            default:
                Given(id);
                return;
        }
    }

    private void Given(Id id) => MaxGivenSeqNo = Math.Max(MaxGivenSeqNo, id.SeqNo);

    // A save claims the new objects it gives an ID until it ends (NewObjectClaims); a transaction's Save does not.
    private Id Identify(IPersistable obj, PersistableSerializer serializer, bool claim)
    {
        var id = obj.PersistentId;
        if (id is null)
        {
            id = _store.NewId(serializer);
            if (claim)
            {
                NewObjectClaims.Claim(obj, this, id);
            }

            obj.PersistentId = id;
            _givenNewIds.Add(obj);
        }

        return id;
    }

    private void EndWrite()
    {
        if (_writingIn is { } identityMap)
        {
            _writingIn = null;
            identityMap.EndSaving(_records);
        }
    }

    private void ReleaseClaims()
    {
        foreach (var obj in _givenNewIds)
        {
            NewObjectClaims.Release(obj, this);
        }
    }
}
