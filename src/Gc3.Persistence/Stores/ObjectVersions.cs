using System.Runtime.CompilerServices;

namespace Gc3.Persistence.Stores;

/// <summary>
/// The record version each object had when a store last loaded or saved it, for optimistic
/// concurrency. Held weakly by object (not by ID), so two copies of one record loaded by different
/// stores or processes each keep the version they were read at.
/// </summary>
internal sealed class ObjectVersions
{
    private readonly ConditionalWeakTable<object, StrongBox<long>> _versions = new();

    public bool TryGet(object obj, out long version)
    {
        if (_versions.TryGetValue(obj, out var box))
        {
            version = Volatile.Read(ref box.Value);
            return true;
        }

        version = 0;
        return false;
    }

    public void Set(object obj, long version)
    {
        if (_versions.TryGetValue(obj, out var box))
        {
            Volatile.Write(ref box.Value, version);
        }
        else
        {
            _versions.AddOrUpdate(obj, new StrongBox<long>(version));
        }
    }

    public void Forget(object obj) => _versions.Remove(obj);
}
