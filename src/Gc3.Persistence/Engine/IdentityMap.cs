using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Gc3.Persistence.Engine;

/// <summary>
/// The objects a store saved or loaded, by ID, held weakly: loading an ID again gives the same
/// instance for as long as the application keeps it alive.
/// </summary>
/// <remarks>
/// Every save and load passes through here, so the map is built for speed: weak GC handles kept
/// in a dictionary under one lock, not a <see cref="WeakReference{T}"/> per object (each of which
/// is a finalizable object: slow to allocate, a finalizer run after it dies). Handles of entries
/// that go away are kept for the next entries, so a store that keeps loading new objects after
/// <see cref="Clear"/> allocates no handles. The map frees its handles when its store is disposed
/// (<see cref="Close"/>, under the lock, after which it keeps nothing) or, failing that, when it is
/// finalized, so nothing can use a freed handle.
/// </remarks>
internal sealed class IdentityMap
{
    private const int MinSweepInterval = 4096;
    private const int MaxSpareHandles = 1 << 16;
    private readonly Lock _gate = new();
    private readonly Dictionary<Id, GCHandle> _objects;
    private readonly Dictionary<Id, GCHandle>.AlternateLookup<(string Prefix, long SeqNo)> _objectsByParts;
    private readonly Stack<GCHandle> _spare = new();
    private int _setsSinceSweep;
    private int _sweepInterval = MinSweepInterval;
    private bool _closed;

    public IdentityMap()
    {
        _objects = new(IdComparer.Instance);
        _objectsByParts = _objects.GetAlternateLookup<(string Prefix, long SeqNo)>();
    }

    ~IdentityMap() => FreeHandles();

    /// <summary>
    /// Frees every handle now, rather than when the map is collected: an application that opens and
    /// disposes stores would otherwise grow the runtime's handle table, which every collection scans.
    /// Later sets keep nothing.
    /// </summary>
    public void Close()
    {
        lock (_gate)
        {
            if (!_closed)
            {
                _closed = true;
                FreeHandles();
                _objects.Clear();
                _spare.Clear();
                GC.SuppressFinalize(this);
            }
        }
    }

    public bool TryGet(Id id, [NotNullWhen(true)] out object? obj)
    {
        lock (_gate)
        {
            obj = _objects.TryGetValue(id, out var handle) ? handle.Target : null;
            return obj is not null;
        }
    }

    /// <summary>As <see cref="TryGet(Id, out object?)"/>, for the ID with this prefix and number, without making one.</summary>
    public bool TryGet(string prefix, long seqNo, [NotNullWhen(true)] out object? obj)
    {
        lock (_gate)
        {
            obj = _objectsByParts.TryGetValue((prefix, seqNo), out var handle) ? handle.Target : null;
            return obj is not null;
        }
    }

    public void Set(Id id, object obj)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return; // a save that finished after its store was disposed
            }

            ref var handle = ref CollectionsMarshal.GetValueRefOrAddDefault(_objects, id, out var exists);
            SetHandle(ref handle, exists, obj);
            SweepIfDue();
        }
    }

    /// <summary>
    /// Publishes the objects one load made, all or none, in one step: <see langword="false"/>, and nothing
    /// published, when the map holds a live object for one of their IDs (another load, or a save, published it
    /// since this load found none), so that no ID ever stands for two instances.
    /// </summary>
    public bool TryPublish(ReadOnlySpan<(Id Id, object Obj)> loaded)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return true; // a load that finished after its store was disposed: nothing to share with
            }

            for (var i = 0; i < loaded.Length; i++)
            {
                var (id, obj) = loaded[i];
                ref var handle = ref CollectionsMarshal.GetValueRefOrAddDefault(_objects, id, out var exists);
                if (exists && handle.Target is { } other && !ReferenceEquals(other, obj))
                {
                    // Rare: take back what this call published, so none of the load's objects is handed out.
                    foreach (var (publishedId, _) in loaded[..i])
                    {
                        if (_objects.Remove(publishedId, out var published))
                        {
                            Release(published);
                        }
                    }

                    return false;
                }

                SetHandle(ref handle, exists, obj);
            }

            SweepIfDue();
            return true;
        }
    }

    public void Remove(Id id)
    {
        lock (_gate)
        {
            if (_objects.Remove(id, out var handle))
            {
                Release(handle);
            }
        }
    }

    /// <summary>Removes <paramref name="id"/> only when it maps to <paramref name="obj"/>.</summary>
    public void Remove(Id id, object obj)
    {
        lock (_gate)
        {
            if (_objects.TryGetValue(id, out var handle) && ReferenceEquals(handle.Target, obj))
            {
                _objects.Remove(id);
                Release(handle);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            foreach (var handle in _objects.Values)
            {
                Release(handle);
            }

            _objects.Clear();
            _setsSinceSweep = 0;
            _sweepInterval = MinSweepInterval;
        }
    }

    private void SetHandle(ref GCHandle handle, bool exists, object obj)
    {
        if (exists)
        {
            // Reading a handle is a plain load, setting one is a call into the runtime: a save of
            // an object already mapped to its ID (the usual case for a replace) skips the set.
            if (!ReferenceEquals(handle.Target, obj))
            {
                handle.Target = obj;
            }
        }
        else if (_spare.TryPop(out handle))
        {
            handle.Target = obj;
        }
        else
        {
            handle = GCHandle.Alloc(obj, GCHandleType.Weak);
        }

        _setsSinceSweep++;
    }

    // A sweep visits every entry, so it waits for as many sets as there are entries: its cost
    // per set stays constant however many objects the application keeps alive.
    private void SweepIfDue()
    {
        if (_setsSinceSweep >= _sweepInterval)
        {
            Sweep();
        }
    }

    // Drop entries whose objects were collected, so a long-running store does not grow without bound.
    private void Sweep()
    {
        _setsSinceSweep = 0;
        foreach (var (id, handle) in _objects)
        {
            if (handle.Target is null)
            {
                _objects.Remove(id);
                Release(handle);
            }
        }

        _sweepInterval = Math.Max(MinSweepInterval, _objects.Count);
    }

    private void Release(GCHandle handle)
    {
        if (_spare.Count < MaxSpareHandles)
        {
            handle.Target = null;
            _spare.Push(handle);
        }
        else
        {
            handle.Free();
        }
    }

    private void FreeHandles()
    {
        foreach (var handle in _objects.Values)
        {
            handle.Free();
        }

        foreach (var handle in _spare)
        {
            handle.Free();
        }
    }
}
