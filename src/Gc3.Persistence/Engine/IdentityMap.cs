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
/// <para>
/// An ID whose record a save of the store is writing, and for which the map holds no live object, maps to a marker
/// (<see cref="BeginSaving"/>) until the save has put its object in the map or failed: a load that read such a record meanwhile (written, its object not yet in the map)
/// does not publish an instance of its own, it waits for the save to end and gives the saved object (or, the save
/// failed, reads the store again), so that a save and a load never give one ID two instances.
/// </para>
/// </remarks>
internal sealed class IdentityMap
{
    private const int MinSweepInterval = 4096;
    private const int MaxSpareHandles = 1 << 16;
    private readonly Lock _gate = new();
    private readonly Dictionary<Id, GCHandle> _objects;
    private readonly Dictionary<Id, GCHandle>.AlternateLookup<(string Prefix, long SeqNo)> _objectsByParts;
    private readonly Stack<GCHandle> _spare = new();
    // What an ID a save is writing maps to until the save ends: in the map's own table, whose entry the save's object then
    // takes, so a save adds no entry of its own (a second table would grow with every large save, and allocate).
    private static readonly object SavingMark = new();
    // The IDs more than one save marked (two threads saving one object the map does not hold): how many more. Rare.
    private Dictionary<Id, int>? _moreSaves;
    // Completed when a save ends, for the loads that wait for one (created by the first of them, so a save allocates nothing).
    private TaskCompletionSource? _saveEnded;
    // How many removes of records the map was told of (Removed): a load that read its records before one does not publish.
    private long _removals;
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
                _moreSaves = null;
                SignalSaveEnded(); // a load waiting for a save of the disposed store reads again, and is refused
                GC.SuppressFinalize(this);
            }
        }
    }

    public bool TryGet(Id id, [NotNullWhen(true)] out object? obj)
    {
        lock (_gate)
        {
            obj = _objects.TryGetValue(id, out var handle) ? handle.Target : null;
            return obj is not null && obj != SavingMark;
        }
    }

    /// <summary>As <see cref="TryGet(Id, out object?)"/>, for the ID with this prefix and number, without making one.</summary>
    public bool TryGet(string prefix, long seqNo, [NotNullWhen(true)] out object? obj)
    {
        lock (_gate)
        {
            obj = _objectsByParts.TryGetValue((prefix, seqNo), out var handle) ? handle.Target : null;
            return obj is not null && obj != SavingMark;
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
    /// A save is about to write <paramref name="records"/>: until it ends (<see cref="EndSaving"/>), an ID of theirs
    /// that maps to no live object maps to a mark, which no lookup returns and on which a load's publication fails
    /// (see <see cref="TryPublish"/>); the save's <see cref="Set"/> replaces it with the object.
    /// </summary>
    public void BeginSaving(IReadOnlyList<PendingRecord> records)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            // By index: a foreach over the interface would allocate an enumerator per save.
            for (var i = 0; i < records.Count; i++)
            {
                var id = records[i].Id;
                ref var handle = ref CollectionsMarshal.GetValueRefOrAddDefault(_objects, id, out var exists);
                var target = exists ? handle.Target : null;
                if (target == SavingMark)
                {
                    _moreSaves ??= new(IdComparer.Instance);
                    CollectionsMarshal.GetValueRefOrAddDefault(_moreSaves, id, out _)++;
                }
                else if (target is null)
                {
                    SetHandle(ref handle, exists, SavingMark);
                }
            }
        }
    }

    /// <summary>The save of <see cref="BeginSaving"/> ended: it put its objects in the map (it wrote them), or it failed.</summary>
    public void EndSaving(IReadOnlyList<PendingRecord> records)
    {
        lock (_gate)
        {
            for (var i = 0; i < records.Count; i++)
            {
                var id = records[i].Id;
                if (_moreSaves is { Count: > 0 } more && more.TryGetValue(id, out var others))
                {
                    // Another save still writes it: its mark stays (or its object, put there by this save).
                    if (others == 1)
                    {
                        more.Remove(id);
                    }
                    else
                    {
                        more[id] = others - 1;
                    }
                }
                else if (_objects.TryGetValue(id, out var handle) && handle.Target == SavingMark)
                {
                    _objects.Remove(id); // the save failed: nothing of it stays
                    Release(handle);
                }
            }

            SignalSaveEnded();
        }
    }

    /// <summary>
    /// Completes once no save writes <paramref name="id"/> (see <see cref="BeginSaving"/>); a load that found the ID being
    /// saved waits here, then loads again. The synchronous API (<paramref name="async"/> false) blocks.
    /// </summary>
    public ValueTask WaitWhileSaving(Id id, bool async)
    {
        Task ended;
        lock (_gate)
        {
            if (!_objects.TryGetValue(id, out var handle) || handle.Target != SavingMark)
            {
                return ValueTask.CompletedTask;
            }

            ended = (_saveEnded ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        if (async)
        {
            return new ValueTask(ended);
        }

        ended.GetAwaiter().GetResult();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Publishes the objects one load made, all or none, in one step: <see langword="false"/>, and nothing
    /// published, when the map holds a live object for one of their IDs (another load, or a save, published it
    /// since this load found none), or a save is writing one of their records (<paramref name="saving"/> names it:
    /// its object goes in the map when the save ends), so that no ID ever stands for two instances.
    /// </summary>
    /// <remarks>
    /// Also <see langword="false"/> when a record was removed (<see cref="Removed"/>) since the load began (<paramref name="removals"/>,
    /// read from <see cref="Removals"/> before it read its records): it may hold the object of a record that is gone, which
    /// published after the remove forgot it would stand for that ID from then on. The load reads the store again.
    /// </remarks>
    public bool TryPublish(ReadOnlySpan<(Id Id, object Obj)> loaded, long removals, out Id? saving)
    {
        saving = null;
        lock (_gate)
        {
            if (_closed)
            {
                return true; // a load that finished after its store was disposed: nothing to share with
            }

            if (_removals != removals)
            {
                return false;
            }

            for (var i = 0; i < loaded.Length; i++)
            {
                var (id, obj) = loaded[i];
                ref var handle = ref CollectionsMarshal.GetValueRefOrAddDefault(_objects, id, out var exists);
                if (exists && handle.Target is { } other && !ReferenceEquals(other, obj))
                {
                    saving = other == SavingMark ? id : null;
                    Unpublish(loaded[..i]);
                    return false;
                }

                SetHandle(ref handle, exists, obj);
            }

            SweepIfDue();
            return true;
        }
    }

    /// <summary>The number of removes the map was told of, read by a load before it reads its records (see <see cref="TryPublish"/>).</summary>
    public long Removals => Interlocked.Read(ref _removals); // a full fence: read before the load's first record

    public void Remove(Id id)
    {
        lock (_gate)
        {
            RemoveLocked(id);
        }
    }

    /// <summary>The record of <paramref name="id"/> is removed from the store: forgets its object, and fails the publication of every load under way.</summary>
    public void Removed(Id id)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _removals);
            RemoveLocked(id);
        }
    }

    private void RemoveLocked(Id id)
    {
        // A save's mark stays: that save's object is what the ID stands for once it is written.
        if (_objects.TryGetValue(id, out var handle) && handle.Target != SavingMark)
        {
            _objects.Remove(id);
            Release(handle);
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
            foreach (var (id, handle) in _objects)
            {
                if (handle.Target != SavingMark) // the saves under way put their objects here when they end
                {
                    _objects.Remove(id);
                    Release(handle);
                }
            }

            _setsSinceSweep = 0;
            _sweepInterval = MinSweepInterval;
        }
    }

    // Rare: take back what a TryPublish that fails published, so none of the load's objects is handed out.
    private void Unpublish(ReadOnlySpan<(Id Id, object Obj)> published)
    {
        foreach (var (id, _) in published)
        {
            if (_objects.Remove(id, out var handle))
            {
                Release(handle);
            }
        }
    }

    private void SignalSaveEnded()
    {
        if (_saveEnded is { } ended)
        {
            _saveEnded = null;
            ended.SetResult();
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
