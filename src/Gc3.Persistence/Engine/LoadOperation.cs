using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;
using Gc3.Persistence.Records;
using Gc3.Persistence.Schemas;
using Gc3.Persistence.Serialization;
using MemoryPack;

namespace Gc3.Persistence.Engine;

/// <summary>
/// One call to <c>Load</c>: decodes the root record and, breadth first, every record it refers to
/// that the identity map does not hold yet. A reference names its type tag, so the referenced
/// object is created at once (before its own record is read) and cycles resolve to the same
/// instance; the loop, not recursion, reads the records, so long chains cannot overflow the stack
/// and every read can be asynchronous. New objects reach the identity map only when every record
/// has loaded, so a failed load leaves no half-filled object behind.
/// <para>
/// Each record's framing, checksum and ID are checked before a byte of its body is decoded (see
/// <see cref="Check"/>): a damaged record never reaches the decoder, and the decoder, which must
/// still distrust every byte (a hostile record can carry a valid checksum), checks every length and
/// count against the bytes that remain. A record found under another ID than the one it names is a
/// <see cref="LoadException"/> naming both.
/// </para>
/// <para>
/// A record written with another schema than its reader's (its header's schema hash is neither 0 nor the
/// reader's) is resolved against the reader's (issue 15 §3): the plan of <see cref="SchemaResolution"/>
/// rewrites its body into the reader's shapes, and the generated code reads that. The common case, the
/// same hash, costs one comparison.
/// </para>
/// </summary>
internal sealed class LoadOperation : IServiceProvider, IRecordReadContext
{
    private const int MaxScannedCreated = 8;
    private readonly StoreBase _store;
    private readonly IdentityMap _identityMap;
    private readonly MemoryPackSerializerOptions _options;
    private readonly Dictionary<Id, object> _created;
    private readonly Dictionary<Id, object>.AlternateLookup<(string Prefix, long SeqNo)> _createdByParts;
    private readonly List<(Id Id, object Obj)> _order = [];
    private readonly List<(object Obj, long Version, ulong Fingerprint)> _versions = [];
    private readonly Queue<PendingLoad> _pending = new();
    private HashSet<Id>? _missing;
    private Id? _current;
    private PersistableSerializer? _lastReferenced;
    private string? _lastPrefix;
    private byte[] _lastPrefixUtf8 = [];
    private ArrayBufferWriter<byte>? _resolved;
    // The members resolution skipped in the record being filled, and the objects whose records held such members.
    private List<string>? _droppedNames;
    private List<(object Obj, PersistableSerializer Serializer, DroppedMembers Dropped)>? _dropped;

    public LoadOperation(StoreBase store)
        : this(store, store.IdentityMap)
    {
    }

    // Resolves references to objects loaded before through this map: the store's own, or one apart (StoreBase.LoadApartAsync).
    public LoadOperation(StoreBase store, IdentityMap identityMap)
    {
        _store = store;
        _identityMap = identityMap;
        _options = MemoryPackSerializerOptions.Default with { ServiceProvider = this };
        _created = new(IdComparer.Instance);
        _createdByParts = _created.GetAlternateLookup<(string Prefix, long SeqNo)>();
    }

    public object? GetService(Type serviceType) => serviceType == typeof(LoadOperation) || serviceType == typeof(IRecordReadContext) ? this : null;

    /// <summary>Decodes the record of the object <c>Load</c> was called for.</summary>
    public object LoadRoot(Id id, RecordData data)
    {
        var record = data.Span;
        var frame = Check(id, record);
        var serializer = LookUp(id, frame.Tag, referrer: null);
        var obj = Create(id, serializer);
        FillBody(id, obj, serializer, frame.SchemaHash, record[frame.Body]);
        _versions.Add((obj, data.Version, RecordFingerprint.Of(record)));
        return obj;
    }

    public bool TryDequeue(out PendingLoad next) => _pending.TryDequeue(out next);

    /// <summary>Decodes the record of an object a reference created.</summary>
    public void Fill(PendingLoad pending, RecordData data)
    {
        var record = data.Span;
        var frame = Check(pending.Id, record);
        if (!frame.Tag.SequenceEqual(pending.Serializer.TagUtf8))
        {
            throw new LoadException(pending.Id, $"the record holds a '{Id.Escape(RecordFormat.DecodeTag(pending.Id, frame.Tag))}', but '{pending.Referrer}' refers to it as a '{pending.Serializer.Tag}'");
        }

        FillBody(pending.Id, pending.Obj, pending.Serializer, frame.SchemaHash, record[frame.Body]);
        _versions.Add((pending.Obj, data.Version, RecordFingerprint.Of(record)));
    }

    /// <summary>
    /// Called by <see cref="PersistableReferenceFormatter{T}"/> for each reference inside a record,
    /// with the tag and ID prefix as the UTF-8 bytes the record holds: the common case (a tag and a
    /// prefix seen before) allocates nothing but the <see cref="Id"/>.
    /// </summary>
    public object? Resolve(ReadOnlySpan<byte> tag, ReadOnlySpan<byte> prefix, long seqNo)
    {
        // An unknown tag is only an error for an object not loaded yet; it is raised below, naming the ID.
        var serializer = SerializerOf(tag);
        // Most references name an object this load or an earlier one has: found without making an Id.
        var prefixText = PrefixOf(serializer, prefix, seqNo);
        if (TryGetCreated(prefixText, seqNo, out var obj) || _identityMap.TryGet(prefixText, seqNo, out obj))
        {
            return obj;
        }

        var id = new Id(prefixText, seqNo, validated: true);
        if (_missing is not null && _missing.Contains(id))
        {
            return null;
        }

        serializer ??= LookUp(id, RecordFormat.DecodeTag(id, tag), _current);
        obj = Create(id, serializer);
        _pending.Enqueue(new PendingLoad(id, obj, serializer, _current!));
        return obj;
    }

    /// <summary>
    /// Every record loaded: set IDs, clear <c>Changed</c>, remember record versions and fingerprints, publish to the
    /// identity map, run load hooks. <see langword="false"/>, with nothing published and no hook run, when another
    /// load of the store published an object for one of these IDs first (two loads of one ID at one moment), or a
    /// save of the store is writing the record of <paramref name="saving"/>: the caller (once that save ended) loads
    /// again, and gets the published objects.
    /// </summary>
    public bool Commit(IdentityMap identityMap, ObjectVersions versions, long removals, out Id? saving)
    {
        foreach (var (obj, version, fingerprint) in _versions)
        {
            versions.Remember(obj, version, fingerprint);
        }

        foreach (var (id, obj) in _order)
        {
            var persistable = (IPersistable)obj;
            persistable.PersistentId = id;
            persistable.Changed = false;
        }

        // Checked and published in one step: each ID stands for one instance, whichever load reads it first.
        if (!identityMap.TryPublish(CollectionsMarshal.AsSpan(_order), removals, out saving))
        {
            return false;
        }

        if (_dropped is { Count: > 0 })
        {
            RememberDropped(versions);
        }

        // Hooks run last, on a complete graph; what they change is marked Changed and saved next time.
        // One that throws fails the load: its objects leave the identity map, so no later load is
        // given an object whose hooks did not all run.
        foreach (var (id, obj) in _order)
        {
            try
            {
                ((IPersistableBody)obj).AfterLoad();
            }
            catch (Exception e)
            {
                foreach (var (loadedId, loaded) in _order)
                {
                    identityMap.Remove(loadedId, loaded);
                }

                var root = _order[0].Id;
                throw new LoadException(id, $"the OnPersistenceLoaded hook of {obj.GetType().FullName} threw {e.GetType().Name}: {e.Message} "
                    + $"(the record read well; nothing of this load of '{root}' was kept, and the next load reads it again)", e);
            }
        }

        return true;
    }

    /// <summary>Whether to keep this operation for the next load (see <see cref="SaveOperation.WorthReusing"/>).</summary>
    public bool WorthReusing => _created.Count <= StoreBase.MaxReusedGraph;

    /// <summary>
    /// The record of <paramref name="id"/>, which a reference names, is missing and loads as null: the
    /// load starts again (<see cref="Restart"/>) and every reference to it resolves to <see langword="null"/>.
    /// </summary>
    public void MarkMissing(Id id) => (_missing ??= new HashSet<Id>(IdComparer.Instance)).Add(id);

    /// <summary>Forgets what this load decoded, but not the missing records, to decode the root again.</summary>
    public void Restart()
    {
        var missing = _missing;
        Reset();
        _missing = missing;
    }

    public void Reset()
    {
        _missing = null;
        _created.Clear();
        _order.Clear();
        _versions.Clear();
        _pending.Clear();
        _dropped?.Clear();
        _current = null;
    }

    // Objects whose records held members their types lack: a save that writes one again drops them, and says so
    // (SaveOperation.Commit). The fingerprint a save compares with becomes the one of the object as loaded, not of
    // its record (which holds more): a save that only reaches the object, unchanged, leaves its record as it is.
    private void RememberDropped(ObjectVersions versions)
    {
        var buffer = new RecordBuffer(256);
        using var state = MemoryPackWriterOptionalStatePool.Rent(MemoryPackSerializerOptions.Default with { ServiceProvider = LoadedReferences.Instance });
        foreach (var (obj, serializer, dropped) in _dropped!)
        {
            DroppedMemberObjects.Remember(obj, dropped);
            buffer.Truncate(0);
            try
            {
                RecordFormat.Write(buffer, serializer, ((IPersistable)obj).PersistentId!, (IPersistableBody)obj, state);
            }
            catch (Exception)
            {
                // It refers to an object without an ID, or a getter of the application's threw (its hooks have not run
                // yet): the stored record's fingerprint stays, and a save writes it (or says what fails, naming it).
                continue;
            }

            versions.RememberWritten(obj, RecordFingerprint.Of(buffer.WrittenSpan));
        }
    }

    // Framing, then the checksum over every byte, then the ID the record names: all before decoding.
    private static RecordFrame Check(Id id, ReadOnlySpan<byte> record)
    {
        var frame = RecordFormat.ReadFrame(id, record);
        RecordFormat.VerifyChecksum(id, record);
        RecordFormat.VerifyId(id, frame);
        return frame;
    }

    private static PersistableSerializer LookUp(Id id, ReadOnlySpan<byte> tagUtf8, Id? referrer)
        => PersistableRegistry.TryGetByTag(tagUtf8, out var serializer)
            ? serializer
            : LookUp(id, RecordFormat.DecodeTag(id, tagUtf8), referrer); // unknown or claimed twice: decode it to say which and why

    private static PersistableSerializer LookUp(Id id, string tag, Id? referrer)
    {
        if (PersistableRegistry.TryGetByTag(tag, out var serializer, out var conflict))
        {
            return serializer;
        }

        // From a reference, the tag is the one the referrer names, not read from this record (whose header may name another).
        var unknown = referrer is null
            ? $"its type tag '{Id.Escape(tag)}' is not registered"
            : $"'{referrer}' refers to it as a '{Id.Escape(tag)}', a type tag that is not registered";
        throw new LoadException(id, conflict is not null
            ? $"{conflict}{(referrer is null ? "" : $" (referenced from '{referrer}')")}"
            : $"{unknown}: no [Persistable] type with that tag is part of this application, or the assembly that holds it is not referenced. "
                + $"If its class was renamed or moved, give it this tag back: [Persistable(\"{Id.Escape(tag)}\")] (see docs/changing-your-classes.md); "
                + "if a newer version of the application wrote the record, update this one");
    }

    // The references of a load mostly name one type, so the last one found is compared first, by its
    // bytes, before the registry is searched (unless two types claim a tag: then the registry decides).
    private PersistableSerializer? SerializerOf(ReadOnlySpan<byte> tag)
    {
        if (_lastReferenced is { } last && tag.SequenceEqual(last.TagUtf8) && !PersistableRegistry.HasTagConflicts)
        {
            return last;
        }

        PersistableRegistry.TryGetByTag(tag, out var serializer);
        _lastReferenced = serializer;
        return serializer;
    }

    // An object this load created: most loads create a few, compared in order faster than hashed.
    private bool TryGetCreated(string prefix, long seqNo, [NotNullWhen(true)] out object? obj)
    {
        if (_order.Count > MaxScannedCreated)
        {
            return _createdByParts.TryGetValue((prefix, seqNo), out obj);
        }

        foreach (var (id, created) in CollectionsMarshal.AsSpan(_order))
        {
            if (id.SeqNo == seqNo && string.Equals(id.Prefix, prefix, StringComparison.Ordinal))
            {
                obj = created;
                return true;
            }
        }

        obj = null;
        return false;
    }

    // The prefix as a string: the referenced type's own prefix or the last one decoded cost no
    // allocation; any other is decoded once and checked, since a record may be damaged.
    private string PrefixOf(PersistableSerializer? serializer, ReadOnlySpan<byte> prefix, long seqNo)
    {
        if (serializer is { IdPrefixIsValid: true } && prefix.SequenceEqual(serializer.IdPrefixUtf8))
        {
            return serializer.IdPrefix;
        }

        if (_lastPrefix is not null && prefix.SequenceEqual(_lastPrefixUtf8))
        {
            return _lastPrefix;
        }

        var text = Encoding.UTF8.GetString(prefix);
        if (!Id.IsValidPrefix(text))
        {
            throw new InvalidDataException($"a reference holds the invalid ID '{Id.Escape(text)}.{seqNo}'");
        }

        _lastPrefix = text;
        _lastPrefixUtf8 = prefix.ToArray();
        return text;
    }

    private object Create(Id id, PersistableSerializer serializer)
    {
        object obj;
        try
        {
            obj = serializer.CreateInstance();
        }
        catch (Exception e)
        {
            // The application's constructor, not the record: say so, or the record is taken for corrupt.
            throw new LoadException(id, $"the constructor of {serializer.Type.FullName} threw {e.GetType().Name}: {e.Message} (the record was not read)", e);
        }

        _created[id] = obj;
        _order.Add((id, obj));
        return obj;
    }

    private void FillBody(Id id, object obj, PersistableSerializer serializer, ulong schemaHash, ReadOnlySpan<byte> body)
    {
        _current = id;
        ResolutionPlan? plan = null;
        try
        {
            using var state = MemoryPackReaderOptionalStatePool.Rent(_options);
            if (SchemaResolution.CheckHashes && schemaHash != 0 && schemaHash != ReaderSchema.HashOf(serializer))
            {
                plan = SchemaResolution.PlanFor(_store, serializer, schemaHash, id);
                if (plan is { IsIdentity: false })
                {
                    var resolved = _resolved ??= new ArrayBufferWriter<byte>();
                    resolved.ResetWrittenCount();
                    var dropped = _droppedNames ??= [];
                    dropped.Clear();
                    plan.Transcode(id, body, resolved, _store.Options.MaxNestingDepth, dropped);
                    body = resolved.WrittenSpan;
                    if (dropped.Count != 0)
                    {
                        (_dropped ??= []).Add((obj, serializer, new DroppedMembers(schemaHash, [.. dropped], _store.Versions.Location)));
                    }
                }
            }

            // Members holding [MemoryPackable] objects are walked first: MemoryPack decodes them by recursion, unchecked.
            if (NestingGuard.Of(serializer) is { } guard)
            {
                Guard(id, serializer, guard, schemaHash, plan, body);
            }

            RecordFormat.ReadBody(body, (IPersistableBody)obj, state);
        }
        catch (LoadException)
        {
            throw;
        }
        catch (MemberValueException e)
        {
            throw new LoadException(id, e.Message, e); // it names the member and says why: not a corrupt record
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // InvalidDataException and MemoryPackSerializationException are the decoders' own (the library's, MemoryPack's).
            if (e is not (InvalidDataException or MemoryPackSerializationException) && WellFormed(serializer, body))
            {
                // Not a damaged record: the application's code refused a value (a setter that validates), or threw for its own reasons.
                throw new LoadException(id, $"reading its members threw {e.GetType().Name} ({e.Message}), though the record's bytes are whole and decode with the schema of "
                    + $"{serializer.Type.FullName}: a value was refused by the application's code (a setter of its members, or a constructor or setter of a value "
                    + "one holds: the exception's stack trace names it) or by the type it is read into; nothing of this load was kept", e);
            }

            if (e is InvalidDataException or MemoryPackSerializationException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException or FormatException or InvalidCastException)
            {
                throw new LoadException(id, Diagnose(serializer, schemaHash, plan, body, e.Message) ?? $"the record is corrupt or does not match its type: {e.Message}", e);
            }

            throw;
        }
    }

    // Whether a body that failed to read decodes with the reader's schema (it is in the reader's shapes, resolved if need be): then the
    // failure came from the application's code. Only on the failure path.
    private bool WellFormed(PersistableSerializer serializer, ReadOnlySpan<byte> body)
    {
        if (SchemaResolution.ReaderDocument(serializer) is not { } document)
        {
            return false;
        }

        try
        {
            RecordJson.CheckBody(document, body, maxDepth: _store.Options.MaxNestingDepth);
            return true;
        }
        catch (Exception)
        {
            return false; // damaged: the caller says how
        }
    }

    // A member MemoryPack must not decode: too deep (the limit named), or not of its declared shape (said as Diagnose says it).
    private void Guard(Id id, PersistableSerializer serializer, NestingGuard guard, ulong schemaHash, ResolutionPlan? plan, ReadOnlySpan<byte> body)
    {
        var maxDepth = _store.Options.MaxNestingDepth;
        if (guard.FindFault(body, maxDepth, out var fault) is not { } member)
        {
            return;
        }

        throw new LoadException(id, NestingDepth.IsExceeded(fault!)
            ? $"the member '{member.Name}' of {guard.Document!.TypeName} (declared {member.Shape}) nests values more than {maxDepth} deep, the limit StoreOptions.MaxNestingDepth sets: "
                + "MemoryPack decodes [MemoryPackable] objects by recursion, so the record is refused before it is decoded"
            : MemberFailure(guard.Document!, member, serializer, schemaHash, plan, fault!.Message), fault);
    }

    // Why a body did not read, by member name: each member is read alone into a new instance until one
    // fails (references resolve to new, empty objects of their tags' types, so nothing else loads, and a
    // reference to an object the member does not accept fails as it did). Null when no member fails alone. The
    // cause's own words (which may name a member key and byte counts) are kept for a corrupt record only:
    // a type change is told by the member's name and type.
    private static string? Diagnose(PersistableSerializer serializer, ulong schemaHash, ResolutionPlan? plan, ReadOnlySpan<byte> body, string cause)
    {
        var document = SchemaResolution.ReaderDocument(serializer);
        if (document is null)
        {
            return null;
        }

        using var state = MemoryPackReaderOptionalStatePool.Rent(MemoryPackSerializerOptions.Default with { ServiceProvider = NullReadContext.Instance });
        var reader = new SchemaBodyReader(body);
        try
        {
            var count = reader.ReadInt32("the member count");
            for (var i = 0; i < count && reader.Remaining >= 8; i++)
            {
                var start = reader.Position;
                var key = BinaryPrimitives.ReadUInt32LittleEndian(reader.Take(4, "a member key"));
                var length = reader.ReadInt32("a member length");
                reader.Take(length, "a member");
                var alone = new byte[4 + reader.Position - start];
                alone[0] = 1;
                reader.Since(start).CopyTo(alone.AsSpan(4));
                try
                {
                    RecordFormat.ReadBody(alone, (IPersistableBody)serializer.CreateInstance(), state);
                }
                catch (Exception e) when (e is InvalidDataException or MemoryPackSerializationException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException or FormatException or InvalidCastException)
                {
                    return document.FindMember(key) is { } member ? MemberFailure(document, member, serializer, schemaHash, plan, cause) : null;
                }
            }
        }
        catch (InvalidDataException)
        {
            // the framing itself is damaged: the caller's message says how
        }

        return null;
    }

    private static string MemberFailure(SchemaDocument document, SchemaMember member, PersistableSerializer serializer, ulong schemaHash, ResolutionPlan? plan, string cause)
        => $"the member '{member.Name}' of {document.TypeName} (declared {member.Shape}) does not read from the bytes the record holds: "
            + (schemaHash == 0
                ? "it was written as another type, before the store kept schemas, so the old type is unknown"
                : plan is null && schemaHash != ReaderSchema.HashOf(serializer)
                    ? $"it was written with the schema {schemaHash:x16}, which the store does not hold"
                    : plan?.Writer.FindMember(member.Key) is { } written && !written.Shape.Equals(member.Shape)
                        // A change the rules let through to the load, which found a stored value of another type (a reference retyped).
                        ? $"it was written as {written.Shape}, and the stored value is not one of its declared type now: {cause}"
                        : $"the record is corrupt ({cause})")
            + $". If the member's type changed, the way out: give the changed member a new name, and add a member of the old type with [PersistName(\"{member.Name}\")] that receives the old values, to convert them in OnPersistenceLoaded (see docs/changing-your-classes.md)";

    /// <summary>An object created for a reference whose record is still to be read.</summary>
    internal readonly record struct PendingLoad(Id Id, object Obj, PersistableSerializer Serializer, Id Referrer);

    /// <summary>Names each object a record refers to by the ID it has: after a load, every object it reached has one.</summary>
    private sealed class LoadedReferences : IServiceProvider, IRecordWriteContext
    {
        public static readonly LoadedReferences Instance = new();

        public object? GetService(Type serviceType) => serviceType == typeof(IRecordWriteContext) ? this : null;

        public (PersistableSerializer Serializer, Id Id) Reference(object value)
            => (PersistableRegistry.GetForSave(value), ((IPersistable)value).PersistentId ?? throw new InvalidOperationException("an object without an ID"));
    }

    /// <summary>Resolves every reference to a new object of its tag's type, not loaded (null for an unknown tag): a member read alone, to find the one that fails, loads nothing else.</summary>
    private sealed class NullReadContext : IServiceProvider, IRecordReadContext
    {
        public static readonly NullReadContext Instance = new();

        public object? GetService(Type serviceType) => serviceType == typeof(IRecordReadContext) ? this : null;

        public object? Resolve(ReadOnlySpan<byte> tag, ReadOnlySpan<byte> prefix, long seqNo)
            => PersistableRegistry.TryGetByTag(tag, out var serializer) ? serializer.CreateInstance() : null;
    }
}
