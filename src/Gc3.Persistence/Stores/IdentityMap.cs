using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Gc3.Persistence.Stores;

/// <summary>
/// The objects a store saved or loaded, by ID, held weakly: loading an ID again gives the same
/// instance for as long as the application keeps it alive.
/// </summary>
internal sealed class IdentityMap
{
    private const int SweepEvery = 4096;
    private readonly ConcurrentDictionary<Id, WeakReference<object>> _objects = new();
    private int _setsSinceSweep;

    public bool TryGet(Id id, [NotNullWhen(true)] out object? obj)
    {
        obj = null;
        return _objects.TryGetValue(id, out var weak) && weak.TryGetTarget(out obj);
    }

    public void Set(Id id, object obj)
    {
        if (_objects.TryGetValue(id, out var weak))
        {
            weak.SetTarget(obj);
        }
        else
        {
            _objects[id] = new WeakReference<object>(obj);
        }

        if (Interlocked.Increment(ref _setsSinceSweep) >= SweepEvery)
        {
            Sweep();
        }
    }

    public void Remove(Id id) => _objects.TryRemove(id, out _);

    public void Clear() => _objects.Clear();

    // Drop entries whose objects were collected, so a long-running store does not grow without bound.
    private void Sweep()
    {
        Interlocked.Exchange(ref _setsSinceSweep, 0);
        foreach (var (id, weak) in _objects)
        {
            if (!weak.TryGetTarget(out _))
            {
                _objects.TryRemove(new KeyValuePair<Id, WeakReference<object>>(id, weak));
            }
        }
    }
}
