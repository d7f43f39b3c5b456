using Gc3.Persistence.Engine;

namespace Gc3.Persistence;

/// <summary>
/// A unit of work on a store (<see cref="IStore.BeginTransaction"/>): the saves, replaces and removes
/// it is given are written together by <see cref="Commit"/>, in one database transaction, all or nothing,
/// with the optimistic-concurrency checks of <see cref="IStore.Save"/>. Until then nothing is written:
/// <see cref="Save"/> gives a new object its ID at once, and the object is encoded (as it is then) at
/// <see cref="Commit"/>. Disposing a transaction that was not committed rolls it back: objects that got
/// their ID from it lose it again (unless the store's own <c>Save</c> wrote them under it since), and nothing else changes.
/// </summary>
/// <remarks>
/// After a failed commit (a <see cref="ConcurrencyException"/> on any record, a lost connection) nothing
/// of the transaction is in the store and every object is as it was before <see cref="Save"/>: new
/// objects have no ID, saved ones keep the version they were loaded at. A transaction is used by one
/// thread at a time; loads meanwhile read what the store holds, not what the transaction will write.
/// </remarks>
public sealed class StoreTransaction : IDisposable, IAsyncDisposable
{
    private readonly StoreBase _store;
    private readonly SaveOperation _operation;
    private readonly List<(object Obj, Id? ForcedId, Id? PreviousId)> _saves = [];
    private readonly List<Id> _removals = [];
    private State _state;

    internal StoreTransaction(StoreBase store)
    {
        _store = store;
        _operation = new SaveOperation(store);
    }

    private enum State
    {
        Open,
        Committed,
        Failed,
        RolledBack,
    }

    /// <summary>How many saves, replaces and removes the transaction holds.</summary>
    public int Count => _saves.Count + _removals.Count;

    /// <summary>Whether <see cref="Commit"/> succeeded.</summary>
    public bool IsCommitted => _state == State.Committed;

    /// <summary>
    /// Saves <paramref name="obj"/> and what it reaches, as <see cref="IStore.Save"/> does, when the transaction
    /// commits. Gives <paramref name="obj"/> its ID now if it has none, and returns it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The transaction was committed or rolled back, or <paramref name="obj"/> belongs to another store.</exception>
    public Id Save(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ThrowIfNotOpen();
        var id = _operation.Reserve(obj);
        _saves.Add((obj, null, null));
        return id;
    }

    /// <summary>Saves each of <paramref name="objects"/> as <see cref="Save"/> does, and returns their IDs.</summary>
    public IReadOnlyList<Id> SaveMany(IEnumerable<object> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return [.. objects.Select(Save)];
    }

    /// <summary>Saves <paramref name="obj"/> under <paramref name="id"/>, replacing what is stored there, as <see cref="IStore.Replace"/> does, when the transaction commits.</summary>
    public void Replace(Id id, object obj)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(obj);
        ThrowIfNotOpen();
        _ = Serialization.PersistableRegistry.GetForSave(obj); // not persistable: refused now, not at Commit
        _saves.Add((obj, id, (obj as IPersistable)?.PersistentId));
    }

    /// <summary>
    /// Deletes the record under <paramref name="id"/> when the transaction commits, as <see cref="IStore.Remove"/>
    /// does (nothing happens when there is none). Removes run after the transaction's saves.
    /// </summary>
    public void Remove(Id id)
    {
        ArgumentNullException.ThrowIfNull(id);
        ThrowIfNotOpen();
        _removals.Add(id);
    }

    /// <summary>Removes each of <paramref name="ids"/> as <see cref="Remove"/> does.</summary>
    public void RemoveMany(IEnumerable<Id> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
        {
            Remove(id);
        }
    }

    /// <summary>
    /// Writes every save and remove of the transaction in one database transaction. On failure nothing
    /// was written, the objects are as they were before the transaction, and the exception is thrown
    /// (<see cref="ConcurrencyException"/> names the record someone else changed); the transaction is then over.
    /// Once the records are written the commit has succeeded: a logger of the application's that throws changes nothing, and
    /// a telemetry listener of the application's that throws then comes as a <see cref="StoreException"/> saying the
    /// transaction was committed, with <see cref="IsCommitted"/> <see langword="true"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The transaction was already committed or rolled back.</exception>
    public void Commit() => Synchronous.Wait(CommitCoreAsync(false, default));

    /// <inheritdoc cref="Commit"/>
    public async Task CommitAsync(CancellationToken cancellationToken = default) => await CommitCoreAsync(true, cancellationToken).ConfigureAwait(false);

    /// <summary>Drops what the transaction holds, writing nothing: objects that got their ID from it lose it.</summary>
    public void Rollback()
    {
        if (_state == State.Open)
        {
            // No commit began, so no replaced object was given its new ID: only the IDs Save gave are taken back.
            _state = State.RolledBack;
            _operation.Rollback();
            _operation.Reset();
        }
    }

    /// <summary>Rolls the transaction back unless it was committed.</summary>
    public void Dispose() => Rollback();

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Rollback();
        return ValueTask.CompletedTask;
    }

    private async ValueTask CommitCoreAsync(bool async, CancellationToken cancellationToken)
    {
        ThrowIfNotOpen();
        _state = State.Failed; // until it succeeds: a failed commit is not retried
        RememberIdsBeforeReplace();
        try
        {
            await _store.CommitTransactionAsync(_operation, _saves, _removals, MarkCommitted, async, cancellationToken).ConfigureAwait(false);
        }
        catch when (_state != State.Committed)
        {
            // Also when the commit was refused before it began (a cancelled token, a disposed store): the store rolled back
            // what it began, and this takes back the IDs the transaction gave (a second rollback finds nothing to do).
            _operation.Rollback();
            RestoreReplacedIds();
            _operation.Reset();
            throw;
        }

        _state = State.Committed;
    }

    // The records are in the store: what throws from here on (an application's listener) leaves the transaction committed.
    private void MarkCommitted() => _state = State.Committed;

    // The IDs the replaced objects have as the commit begins, not as Replace was called: the store's own Save or Replace
    // may have given one another ID since, and a failed commit must give back that one.
    private void RememberIdsBeforeReplace()
    {
        for (var i = 0; i < _saves.Count; i++)
        {
            if (_saves[i].ForcedId is not null)
            {
                _saves[i] = _saves[i] with { PreviousId = (_saves[i].Obj as IPersistable)?.PersistentId };
            }
        }
    }

    // Gives a replaced object back its ID only where it still has the one the commit set: an object that did not get that far,
    // or that the store's own Save or Replace moved meanwhile, keeps the ID of the record it is.
    private void RestoreReplacedIds()
    {
        for (var i = _saves.Count - 1; i >= 0; i--)
        {
            var (obj, forcedId, previousId) = _saves[i];
            if (forcedId is not null && obj is IPersistable persistable && persistable.PersistentId == forcedId)
            {
                persistable.PersistentId = previousId;
            }
        }
    }

    private void ThrowIfNotOpen()
    {
        if (_state != State.Open)
        {
            throw new InvalidOperationException(_state switch
            {
                State.Committed => "The transaction was committed; begin a new one.",
                State.Failed => "The transaction's commit failed and wrote nothing; begin a new one.",
                _ => "The transaction was rolled back; begin a new one.",
            });
        }
    }
}
