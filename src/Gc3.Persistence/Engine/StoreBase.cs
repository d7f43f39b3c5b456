using Gc3.Persistence.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gc3.Persistence.Engine;

/// <summary>
/// Everything a store does with objects (cascade saves, record encoding, loads through the identity
/// map, change tracking), on top of five primitives a concrete store provides: write a batch of
/// records, read one, delete one, list IDs, and a sequence of numbers for new IDs.
/// </summary>
/// <remarks>
/// Each primitive takes <c>async</c>: when it is <see langword="false"/> the implementation must
/// complete synchronously (the sync API waits on it), when <see langword="true"/> it should do
/// asynchronous I/O. One code path then serves both APIs.
/// </remarks>
public abstract class StoreBase : IStore
{
    private SaveOperation? _spareSave;
    private LoadOperation? _spareLoad;
    private IdFactory? _ids;
    private volatile bool _disposed;

    /// <summary>Initializes the object side of a store.</summary>
    protected StoreBase(StoreOptions? options)
    {
        Options = options ?? new StoreOptions();
        Logger = Options.LoggerFactory?.CreateLogger(GetType().FullName ?? GetType().Name) ?? NullLogger.Instance;
    }

    /// <summary>The options the store was opened with.</summary>
    public StoreOptions Options { get; }

    /// <summary>Where the store logs.</summary>
    protected ILogger Logger { get; }

    /// <summary>The factory that gives IDs to new objects, bound to the store's sequence source.</summary>
    public IdFactory IdFactory => _ids ?? throw new InvalidOperationException($"{GetType().Name} did not set its sequence source.");

    internal IdentityMap IdentityMap { get; } = new();

    internal ObjectVersions Versions { get; } = new();

    /// <summary>Sets where new ID numbers come from: given n, reserve n consecutive numbers and return the first.</summary>
    protected void SetSequenceSource(Func<int, long> nextSeqNo)
    {
        var configured = Options.IdFactory;
        _ids = configured is { HasSequenceSource: true } ? configured : (configured ?? new IdFactory()).WithSequenceSource(nextSeqNo);
    }

    internal Id NewId(PersistableSerializer serializer) => IdFactory.New(serializer.IdPrefix);

    /// <summary>
    /// For stores that keep record versions: <paramref name="obj"/> is now stored at
    /// <paramref name="version"/>, which its next save must find (see <see cref="PendingRecord.ExpectedVersion"/>).
    /// Call it only once the write is durable (its transaction committed).
    /// </summary>
    protected void RememberVersion(object obj, long version)
    {
        ArgumentNullException.ThrowIfNull(obj);
        Versions.Set(obj, version);
    }

    /// <summary>
    /// Writes every record of one save; the SQL stores do it in one transaction. The list and the
    /// bytes of its records belong to the save and are reused once the returned task completes: copy
    /// what must outlive the call.
    /// </summary>
    protected abstract ValueTask WriteRecordsAsync(IReadOnlyList<PendingRecord> records, bool async, CancellationToken cancellationToken);

    /// <summary>Reads one record; <see langword="null"/> when there is none under <paramref name="id"/>.</summary>
    protected abstract ValueTask<RecordData?> ReadRecordAsync(Id id, bool async, CancellationToken cancellationToken);

    /// <summary>Deletes one record; returns whether there was one.</summary>
    protected abstract ValueTask<bool> DeleteRecordAsync(Id id, bool async, CancellationToken cancellationToken);

    /// <summary>Lists the IDs of every record, in <see cref="Id"/> order.</summary>
    protected abstract ValueTask<IReadOnlyList<Id>> ListIdsAsync(bool async, CancellationToken cancellationToken);

    /// <inheritdoc/>
    public Id Save(object obj) => Synchronous.Wait(SaveOneAsync(obj, null, false, default));

    /// <inheritdoc/>
    public IReadOnlyList<Id> SaveMany(IEnumerable<object> objects) => Synchronous.Wait(SaveManyCoreAsync(Materialize(objects), false, default));

    /// <inheritdoc/>
    public object Load(Id id) => Synchronous.Wait(LoadCoreAsync(id, false, default));

    /// <inheritdoc/>
    public T Load<T>(Id id)
        where T : class => As<T>(id, Load(id));

    /// <inheritdoc/>
    public void Replace(Id id, object obj)
    {
        ArgumentNullException.ThrowIfNull(id);
        Synchronous.Wait(SaveOneAsync(obj, id, false, default));
    }

    /// <inheritdoc/>
    public void Remove(Id id) => Synchronous.Wait(RemoveCoreAsync(id, false, default));

    /// <inheritdoc/>
    public IReadOnlyList<Id> List()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Synchronous.Wait(ListIdsAsync(false, default));
    }

    /// <inheritdoc/>
    public void InvalidateCache() => IdentityMap.Clear();

    /// <inheritdoc/>
    public async Task<Id> SaveAsync(object obj, CancellationToken cancellationToken = default)
        => await SaveOneAsync(obj, null, true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Id>> SaveManyAsync(IEnumerable<object> objects, CancellationToken cancellationToken = default)
        => await SaveManyCoreAsync(Materialize(objects), true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<object> LoadAsync(Id id, CancellationToken cancellationToken = default)
        => await LoadCoreAsync(id, true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<T> LoadAsync<T>(Id id, CancellationToken cancellationToken = default)
        where T : class => As<T>(id, await LoadCoreAsync(id, true, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public async Task ReplaceAsync(Id id, object obj, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await SaveOneAsync(obj, id, true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task RemoveAsync(Id id, CancellationToken cancellationToken = default)
        => await RemoveCoreAsync(id, true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Id>> ListAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return await ListIdsAsync(true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases what the store holds; the base store holds nothing.</summary>
    public void Dispose()
    {
        _disposed = true;
        Dispose(true);
        IdentityMap.Close();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    public virtual ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Releases connections and handles in a derived store.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    // One object (Save, Replace): not an async method, so a store that wrote synchronously (always,
    // for the sync API) costs no state machine and no arrays of roots and IDs.
    private ValueTask<Id> SaveOneAsync(object obj, Id? forcedId, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var operation = RentSave();
        var previousId = forcedId is null ? null : (obj as IPersistable)?.PersistentId;
        Id id;
        ValueTask write;
        try
        {
            id = operation.Encode(obj, forcedId);
            write = WriteRecordsAsync(operation.Records(), async, cancellationToken);
        }
        catch (Exception e)
        {
            Abandon(operation, e, forcedId is null ? null : obj, previousId);
            throw;
        }

        if (!write.IsCompletedSuccessfully)
        {
            return AwaitWriteAsync(write, operation, forcedId is null ? null : obj, previousId, id);
        }

        write.GetAwaiter().GetResult(); // consumed, as a ValueTask must be
        Complete(operation);
        return ValueTask.FromResult(id);
    }

    private async ValueTask<Id> AwaitWriteAsync(ValueTask write, SaveOperation operation, object? replaced, Id? previousId, Id id)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Abandon(operation, e, replaced, previousId);
            throw;
        }

        Complete(operation);
        return id;
    }

    private async ValueTask<IReadOnlyList<Id>> SaveManyCoreAsync(object[] roots, bool async, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var operation = RentSave();
        var ids = new Id[roots.Length];
        try
        {
            for (var i = 0; i < roots.Length; i++)
            {
                ids[i] = operation.Encode(roots[i], forcedId: null);
            }

            await WriteRecordsAsync(operation.Records(), async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Abandon(operation, e, replaced: null, previousId: null);
            throw;
        }

        Complete(operation);
        return ids;
    }

    private SaveOperation RentSave() => Interlocked.Exchange(ref _spareSave, null) ?? new SaveOperation(this);

    // Every record is written: the objects are clean and known to the identity map.
    private void Complete(SaveOperation operation)
    {
        operation.Commit(IdentityMap);
        ReturnSave(operation);
    }

    // Nothing was written, or the store undid what it wrote: objects that got an ID in this save lose it.
    private void Abandon(SaveOperation operation, Exception e, object? replaced, Id? previousId)
    {
        operation.Rollback();
        if (replaced is IPersistable persistable)
        {
            persistable.PersistentId = previousId;
        }

        // The cached copy is stale: let the next Load of that ID read the store's version.
        if (e is ConcurrencyException conflict)
        {
            IdentityMap.Remove(conflict.Id);
        }

        ReturnSave(operation);
    }

    private void ReturnSave(SaveOperation operation)
    {
        if (operation.WorthReusing)
        {
            operation.Reset();
            _spareSave = operation;
        }
        else
        {
            operation.Buffer.Clear(); // gives back its rented array
        }
    }

    private async ValueTask<object> LoadCoreAsync(Id id, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);

        // Also for an object still in the identity map: a disposed store answers nothing.
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IdentityMap.TryGet(id, out var cached))
        {
            return cached;
        }

        var operation = Interlocked.Exchange(ref _spareLoad, null) ?? new LoadOperation(this);
        try
        {
            var data = await ReadOrThrowAsync(id, null, async, cancellationToken).ConfigureAwait(false);
            object root;
            try
            {
                root = operation.LoadRoot(id, data);
            }
            finally
            {
                data.Release();
            }

            while (operation.TryDequeue(out var pending))
            {
                data = await ReadOrThrowAsync(pending.Id, pending.Referrer, async, cancellationToken).ConfigureAwait(false);
                try
                {
                    operation.Fill(pending, data);
                }
                finally
                {
                    data.Release();
                }
            }

            operation.Commit(IdentityMap, Versions);
            return root;
        }
        finally
        {
            if (operation.WorthReusing)
            {
                operation.Reset();
                _spareLoad = operation;
            }
        }
    }

    // Not an async method: a store that read synchronously (always, for the sync API) costs no state machine per record.
    private ValueTask<RecordData> ReadOrThrowAsync(Id id, Id? referrer, bool async, CancellationToken cancellationToken)
    {
        ValueTask<RecordData?> read;
        try
        {
            read = ReadRecordAsync(id, async, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(id, e);
        }

        return read.IsCompletedSuccessfully
            ? ValueTask.FromResult(read.Result ?? throw Missing(id, referrer))
            : AwaitRead(read, id, referrer);
    }

    private static async ValueTask<RecordData> AwaitRead(ValueTask<RecordData?> read, Id id, Id? referrer)
    {
        RecordData? data;
        try
        {
            data = await read.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(id, e);
        }

        return data ?? throw Missing(id, referrer);
    }

    private static LoadException Unreadable(Id id, Exception e) => new(id, $"the record could not be read: {e.Message}", e);

    private static LoadException Missing(Id id, Id? referrer)
        => new(id, referrer is null ? "there is no such record" : $"there is no such record (it is referenced from '{referrer}')");

    private async ValueTask RemoveCoreAsync(Id id, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await DeleteRecordAsync(id, async, cancellationToken).ConfigureAwait(false);

        // A removed object saved again is a new record, not a stale copy of a newer one.
        if (IdentityMap.TryGet(id, out var removed))
        {
            Versions.Forget(removed);
        }

        IdentityMap.Remove(id);
    }

    private static T As<T>(Id id, object obj)
        where T : class
        => obj as T ?? throw new LoadException(id, $"the record holds a {obj.GetType().FullName}, not a {typeof(T).FullName}");

    private static object[] Materialize(IEnumerable<object> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var array = objects.ToArray();
        foreach (var obj in array)
        {
            ArgumentNullException.ThrowIfNull(obj, nameof(objects));
        }

        return array;
    }
}
