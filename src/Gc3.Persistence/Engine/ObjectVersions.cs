using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Engine;

/// <summary>
/// The record version each object had when a store last loaded or saved it, for optimistic
/// concurrency. Kept per object (not by ID), so two copies of one record loaded by different
/// stores or processes each keep the version they were read at.
/// </summary>
/// <remarks>
/// The versions live on the object, in a slot every generated type has
/// (<see cref="IPersistableBody.StoreVersions"/>): a chain of immutable (store, version) entries,
/// almost always one. A weak table by object cost each load a dependent GC handle, which the
/// collector rescans as the number of loaded objects grows.
/// </remarks>
internal sealed class ObjectVersions
{
    public bool TryGet(object obj, out long version)
    {
        for (var entry = Slot(obj).StoreVersions as Entry; entry is not null; entry = entry.Next)
        {
            if (ReferenceEquals(entry.Owner, this))
            {
                version = entry.Version;
                return true;
            }
        }

        version = 0;
        return false;
    }

    public void Set(object obj, long version)
    {
        var slot = Slot(obj);
        var first = slot.StoreVersions as Entry;
        slot.StoreVersions = first is null || (ReferenceEquals(first.Owner, this) && first.Next is null)
            ? new Entry(this, version, null)
            : new Entry(this, version, Without(first));
    }

    public void Forget(object obj)
    {
        var slot = Slot(obj);
        slot.StoreVersions = Without(slot.StoreVersions as Entry);
    }

    private static IPersistableBody Slot(object obj) => (IPersistableBody)obj;

    // The chain without this store's entry; entries are immutable, so readers on other threads see
    // either the old chain or the new one.
    private Entry? Without(Entry? entry)
        => entry is null ? null
            : ReferenceEquals(entry.Owner, this) ? entry.Next
            : new Entry(entry.Owner, entry.Version, Without(entry.Next));

    private sealed record Entry(ObjectVersions Owner, long Version, Entry? Next);
}
