using System.ComponentModel;
using MemoryPack;

namespace Gc3.Persistence.Serialization;

/// <summary>
/// Implemented by generated code on every persistable class: writes and reads its members in the
/// layout of <see cref="MemberFraming"/>. Not meant to be called or implemented by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IPersistableBody
{
    /// <summary>How many members <see cref="WriteMembers"/> writes.</summary>
    int PersistedMemberCount { get; }

    /// <summary>
    /// Whether a save may pass the object by when it is unchanged: every persisted member is a partial property of a
    /// type whose changes its setter sees, and none can hold a persistable object (whose changes it would not see).
    /// </summary>
    bool IsFullyTracked { get; }

    /// <summary>Writes every persisted member, each framed by <see cref="MemberFraming"/>.</summary>
    void WriteMembers(ref MemoryPackWriter<RecordBuffer> writer, RecordBuffer buffer);

    /// <summary>
    /// Reads <paramref name="count"/> members, each framed by <see cref="MemberFraming"/>: a known key
    /// into its member, an unknown one skipped.
    /// </summary>
    void ReadMembers(ref MemoryPackReader reader, int count);

    /// <summary>Runs the type's <c>OnPersistenceLoaded</c> hooks, base type first.</summary>
    void AfterLoad();

    /// <summary>
    /// A slot the runtime keeps the object's record versions in (per store, for optimistic
    /// concurrency): on the object, it costs a store no weak table entry per object it loads.
    /// </summary>
    object? StoreVersions { get; set; }
}
