using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Gc3.Persistence.Stores;

/// <summary>
/// The objects a store saved or loaded, by ID, held weakly: loading an ID again gives the same
/// instance for as long as the application keeps it alive.
/// </summary>
internal sealed class IdentityMap
{
    private const int MinSweepInterval = 4096;
    private readonly ConcurrentDictionary<Id, WeakReference<object>> _objects = new();
    private int _setsSinceSweep;
    private int _sweepInterval = MinSweepInterval;

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

        // A sweep visits every entry, so it waits for as many sets as there are entries: its cost
        // per set stays constant however many objects the application keeps alive.
        if (Interlocked.Increment(ref _setsSinceSweep) >= Volatile.Read(ref _sweepInterval))
        {
            Sweep();
        }
    }

    public void Remove(Id id) => _objects.TryRemove(id, out _);

    public void Clear()
    {
        _objects.Clear();
        Volatile.Write(ref _sweepInterval, MinSweepInterval);
    }

    // Drop entries whose objects were collected, so a long-running store does not grow without bound.
    private void Sweep()
    {
        Interlocked.Exchange(ref _setsSinceSweep, 0);
        var alive = 0;
        foreach (var (id, weak) in _objects)
        {
            if (weak.TryGetTarget(out _))
            {
                alive++;
            }
            else
            {
                _objects.TryRemove(new KeyValuePair<Id, WeakReference<object>>(id, weak));
            }
        }

        Volatile.Write(ref _sweepInterval, Math.Max(MinSweepInterval, alive));
    }
}
