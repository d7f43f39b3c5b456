using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Gc3.Persistence.Serialization;
using Gc3.Persistence.Telemetry;
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
public abstract partial class StoreBase : IStore
{
    /// <summary>How many objects a save or load may have handled and still be kept for the next one (see <see cref="SaveOperation.WorthReusing"/>).</summary>
    internal const int MaxReusedGraph = 256;

    // What LoadCoreAsync gives TryLoad when no record is stored under the ID; never handed to the application.
    private static readonly object NoRecord = new();

    private SaveOperation? _spareSave;
    private SaveOperation? _spareLargeSave;
    private volatile bool _lastSaveLarge;
    private LoadOperation? _spareLoad;
    private static int _instances;
    private readonly int _instance = Interlocked.Increment(ref _instances);
    private IdFactory? _ids;
    private SequenceBlocks? _blocks;
    private volatile bool _disposed;
    private StoreTelemetryNames? _telemetryNames;

    /// <summary>Initializes the object side of a store.</summary>
    protected StoreBase(StoreOptions? options)
    {
        Options = options ?? new StoreOptions();
        Logger = Options.LoggerFactory?.CreateLogger(GetType().FullName ?? GetType().Name) is { } logger ? new BestEffortLogger(logger) : NullLogger.Instance;
        Versions = new ObjectVersions(() => Location);
    }

    /// <summary>The options the store was opened with.</summary>
    public StoreOptions Options { get; }

    /// <summary>Where the store logs: the application's logger, best effort (an exception it throws is dropped, never the operation's outcome).</summary>
    protected ILogger Logger { get; }

    /// <summary>The factory that gives IDs to new objects, bound to the store's sequence source.</summary>
    public IdFactory IdFactory => _ids ?? throw new InvalidOperationException($"{GetType().Name} did not set its sequence source.");

    /// <summary>
    /// The store's <c>db.system.name</c> in its spans and measurements (see <see cref="PersistenceTelemetry"/>):
    /// <c>sqlite</c>, <c>postgresql</c>, <see cref="PersistenceTelemetry.FileSystemName"/>; by default the store's type name.
    /// Read once, on the first operation.
    /// </summary>
    protected virtual string DbSystemName => GetType().Name;

    /// <summary>
    /// The store's <c>db.collection.name</c> in its spans and measurements: the SQL table, the file
    /// store's directory name; empty by default. Read once, on the first operation.
    /// </summary>
    protected virtual string DbCollectionName => string.Empty;

    internal IdentityMap IdentityMap { get; } = new();

    private StoreTelemetryNames TelemetryNames => _telemetryNames ??= new StoreTelemetryNames(DbSystemName, DbCollectionName);

    internal ObjectVersions Versions { get; }

    /// <summary>
    /// The place this store keeps its records, as error messages name it (no password): stores opened
    /// on the same place share their objects, so an object one of them loaded or saved may be saved by
    /// another; an object of another place is refused (see <see cref="Import"/>). By default the store
    /// itself: its <see cref="object.ToString"/> and a number of its own. Read once, when first needed.
    /// </summary>
    protected virtual string Location => $"{this} (store #{_instance})";

    /// <summary>Sets where new ID numbers come from: given n, reserve n consecutive numbers and return the first.</summary>
    protected void SetSequenceSource(Func<int, long> nextSeqNo)
    {
        if (Options.ReadOnly)
        {
            // Reserving numbers writes the store's counter: a new ID from a read-only store is refused, its counter untouched.
            nextSeqNo = _ => throw ReadOnly("give a new ID");
        }

        var configured = Options.IdFactory;
        _ids = configured is { HasSequenceSource: true } ? configured : (configured ?? new IdFactory()).WithSequenceSource(nextSeqNo);
    }

    /// <summary>Sets where new ID numbers come from: blocks over the store's counter, which records written under given IDs move on.</summary>
    internal void SetSequenceSource(SequenceBlocks blocks)
    {
        _blocks = blocks;
        SetSequenceSource(blocks.Take);
    }

    // A record is about to be written under an ID the counter did not give for it (Replace, Import,
    // an ID set by hand), or the counter is found behind the records: no later save may be given that number.
    internal void MoveCounterPast(long seqNo)
    {
        ThrowIfReadOnly("move the ID counter");
        _ids?.MovePast(seqNo);
        _blocks?.MovePast(seqNo);
    }

    /// <summary>Throws <see cref="ReadOnlyStoreException"/>, saying the store cannot <paramref name="operation"/>, when it was opened read-only.</summary>
    internal void ThrowIfReadOnly(string operation)
    {
        if (Options.ReadOnly)
        {
            throw ReadOnly(operation);
        }
    }

    private ReadOnlyStoreException ReadOnly(string operation) => new(ToString() ?? GetType().Name, operation);

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
    public object Load(Id id) => Synchronous.Wait(LoadCoreAsync(id, IdentityMap, Versions, false, default));

    /// <inheritdoc/>
    public T Load<T>(Id id)
        where T : class => As<T>(id, Load(id));

    /// <inheritdoc/>
    public bool TryLoad<T>(Id id, [NotNullWhen(true)] out T? obj)
        where T : class
    {
        var found = Synchronous.Wait(LoadCoreAsync(id, IdentityMap, Versions, false, default, absentAsNone: true));
        obj = found == NoRecord ? null : As<T>(id, found);
        return obj is not null;
    }

    /// <inheritdoc/>
    public void Replace(Id id, object obj)
    {
        ArgumentNullException.ThrowIfNull(id);
        Synchronous.Wait(SaveOneAsync(obj, id, false, default));
    }

    /// <inheritdoc/>
    public Id Import(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return Synchronous.Wait(SaveOneAsync(obj, null, false, default, import: true));
    }

    /// <inheritdoc/>
    public void Remove(Id id) => Synchronous.Wait(RemoveCoreAsync(id, false, default));

    /// <inheritdoc/>
    public IReadOnlyList<Id> List() => Synchronous.Wait(ListCoreAsync(false, default));

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
        => await LoadCoreAsync(id, IdentityMap, Versions, true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<T> LoadAsync<T>(Id id, CancellationToken cancellationToken = default)
        where T : class => As<T>(id, await LoadCoreAsync(id, IdentityMap, Versions, true, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public async Task<T?> TryLoadAsync<T>(Id id, CancellationToken cancellationToken = default)
        where T : class
    {
        var found = await LoadCoreAsync(id, IdentityMap, Versions, true, cancellationToken, absentAsNone: true).ConfigureAwait(false);
        return found == NoRecord ? null : As<T>(id, found);
    }

    /// <inheritdoc/>
    public async Task ReplaceAsync(Id id, object obj, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await SaveOneAsync(obj, id, true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<Id> ImportAsync(object obj, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return await SaveOneAsync(obj, null, true, cancellationToken, import: true).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task RemoveAsync(Id id, CancellationToken cancellationToken = default)
        => await RemoveCoreAsync(id, true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Id>> ListAsync(CancellationToken cancellationToken = default)
        => await ListCoreAsync(true, cancellationToken).ConfigureAwait(false);

    /// <summary>Releases what the store holds; the base store holds nothing.</summary>
    public void Dispose()
    {
        _disposed = true;
        Versions.Close(); // before the store's own disposal: it names its place while it still can
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
    private ValueTask<Id> SaveOneAsync(object obj, Id? forcedId, bool async, CancellationToken cancellationToken, bool import = false)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Options.ReadOnly)
        {
            throw ReadOnly(forcedId is not null ? $"replace '{forcedId}'" : import ? "import an object" : "save an object"); // the message only then: no allocation per save
        }

        cancellationToken.ThrowIfCancellationRequested();
        var callerActivity = Activity.Current;
        var telemetry = OperationTelemetry.Start(TelemetryNames, StoreOperationKind.Save, forcedId);
        var operation = RentSave();
        var previousId = forcedId is null ? null : (obj as IPersistable)?.PersistentId;
        Id id;
        IReadOnlyList<PendingRecord> records;
        ValueTask write;
        try
        {
            id = operation.Encode(obj, forcedId, import);
            records = operation.Records();
            if (operation.MaxGivenSeqNo >= 0)
            {
                MoveCounterPast(operation.MaxGivenSeqNo);
            }

            operation.BeginWrite(IdentityMap);
            write = WriteRecordsAsync(records, async, cancellationToken);
        }
        catch (Exception e)
        {
            Abandon(operation, e, forcedId is null ? null : obj, previousId, telemetry);
            throw;
        }

        if (forcedId is null)
        {
            telemetry.Activity?.SetTag(PersistenceTelemetry.RecordIdTag, id.ToString());
        }

        if (!write.IsCompletedSuccessfully)
        {
            var pending = AwaitWriteAsync(write, operation, records, forcedId is null ? null : obj, previousId, id, telemetry);

            // The span goes on in AwaitWriteAsync; this method is not async, so give the caller its own current span back.
            if (telemetry.Activity is not null)
            {
                Activity.Current = callerActivity;
            }

            return pending;
        }

        write.GetAwaiter().GetResult(); // consumed, as a ValueTask must be
        ForgetMoved(obj, previousId, id); // first: also when a listener throws as Complete reports the save
        Complete(operation, records, telemetry, rootCount: 1, id);
        return ValueTask.FromResult(id);
    }

    private async ValueTask<Id> AwaitWriteAsync(
        ValueTask write, SaveOperation operation, IReadOnlyList<PendingRecord> records, object? replaced, Id? previousId, Id id, OperationTelemetry telemetry)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Abandon(operation, e, replaced, previousId, telemetry);
            throw;
        }

        ForgetMoved(replaced, previousId, id);
        Complete(operation, records, telemetry, rootCount: 1, id);
        return id;
    }

    private async ValueTask<IReadOnlyList<Id>> SaveManyCoreAsync(object[] roots, bool async, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfReadOnly("save objects");
        cancellationToken.ThrowIfCancellationRequested();
        var telemetry = OperationTelemetry.Start(TelemetryNames, StoreOperationKind.Save, id: null);
        var operation = RentSave();
        var ids = new Id[roots.Length];
        IReadOnlyList<PendingRecord> records;
        try
        {
            for (var i = 0; i < roots.Length; i++)
            {
                ids[i] = operation.Encode(roots[i], forcedId: null);
            }

            records = operation.Records();
            if (operation.MaxGivenSeqNo >= 0)
            {
                MoveCounterPast(operation.MaxGivenSeqNo);
            }

            operation.BeginWrite(IdentityMap);
            await WriteRecordsAsync(records, async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Abandon(operation, e, replaced: null, previousId: null, telemetry);
            throw;
        }

        Complete(operation, records, telemetry, roots.Length, rootId: null);
        return ids;
    }

    // After a save of a large graph, the next save is likely large too (a cascade that reaches a whole
    // collection): it reuses the large operation, whose tables need not grow again from nothing.
    private SaveOperation RentSave()
        => (_lastSaveLarge ? Interlocked.Exchange(ref _spareLargeSave, null) : null)
            ?? Interlocked.Exchange(ref _spareSave, null)
            ?? new SaveOperation(this);

    // Every record is written: the objects are clean and known to the identity map.
    private void Complete(SaveOperation operation, IReadOnlyList<PendingRecord> records, in OperationTelemetry telemetry, int rootCount, Id? rootId)
    {
        var logging = Logger.IsEnabled(LogLevel.Debug);
        var written = records.Count; // read first: CommitWritten hands the operation, and its list of records, back for reuse
        int recordCount, skipped;
        long bytes;
        try
        {
            (recordCount, bytes, skipped) = CommitWritten(operation, records, countBytes: logging || telemetry.WantsCounts, reuse: true);
            telemetry.Succeed(recordCount, bytes, skipped);
        }
        catch (Exception e)
        {
            throw ReportingFailed($"The save is written: its {written} records are in the store and its objects hold their IDs.", e);
        }

        if (rootId is not null)
        {
            StoreLog.Saved(Logger, recordCount, bytes, TelemetryNames.CollectionName, rootId);
        }
        else
        {
            StoreLog.SavedMany(Logger, rootCount, recordCount, bytes, TelemetryNames.CollectionName);
        }
    }

    // An application's meter or activity listener threw as the store reported a write: the caller must not read it as a failed one.
    private static StoreException ReportingFailed(string written, Exception e)
        => new($"{written} Reporting it then failed: {e.GetType().Name}: {e.Message} (thrown by a listener of the store's telemetry; see the inner exception).", e)
        {
            Committed = true,
        };

    // Replace moved an object saved under another ID to this one: the other ID's record is not this
    // object any more, so a load of it (or of a record referring to it) must read the store.
    internal void ForgetMoved(object? obj, Id? previousId, Id id)
    {
        if (obj is not null && previousId is not null && previousId != id)
        {
            IdentityMap.Remove(previousId, obj);
        }
    }

    // Nothing was written, or the store undid what it wrote: objects that got an ID in this save lose it.
    private void Abandon(SaveOperation operation, Exception e, object? replaced, Id? previousId, in OperationTelemetry telemetry)
    {
        var committed = e is StoreException { Committed: true };
        operation.Rollback(keepIds: committed); // first: the application's listeners, told of the failure, find the objects as before the save
        telemetry.Fail(e);
        if (replaced is IPersistable persistable && !committed)
        {
            persistable.PersistentId = previousId;
        }

        ForgetStale(e);
        ReturnSave(operation);
    }

    // A save or commit failed on a stale object: let the next Load of its ID read the store's version. (A new object finding
    // its ID taken says nothing of the object the map holds under that ID: its record is the one that is there.)
    private void ForgetStale(Exception e)
    {
        if (e is ConcurrencyException { NewObjectInFlight: false, ExpectedVersion: not 0 } conflict)
        {
            IdentityMap.Remove(conflict.Id);
        }
    }

    // The records of a save are written: its objects are known from now on (SaveOperation.Commit) and the operation is done,
    // its claims gone also when the application's logger or meter listener throws as it reports. Gives what telemetry counts.
    private (int Records, long Bytes, int Skipped) CommitWritten(SaveOperation operation, IReadOnlyList<PendingRecord> records, bool countBytes, bool reuse)
    {
        long bytes = 0;
        if (countBytes)
        {
            foreach (var record in records)
            {
                bytes += record.Data.Length;
            }
        }

        var counts = (records.Count, bytes, operation.SkippedCount);
        try
        {
            operation.Commit(IdentityMap, Versions, Logger, TelemetryNames);
        }
        finally
        {
            if (reuse)
            {
                ReturnSave(operation);
            }
            else
            {
                operation.Reset();
            }
        }

        return counts;
    }

    private void ReturnSave(SaveOperation operation)
    {
        _lastSaveLarge = !operation.WorthReusing;
        var large = operation.HasLargeTables;
        operation.Reset();
        if (large)
        {
            _spareLargeSave = operation; // kept apart: small saves would pay for clearing its tables
        }
        else
        {
            _spareSave = operation;
        }
    }

    /// <summary>
    /// Loads the record of <paramref name="id"/> through <paramref name="identityMap"/> and <paramref name="versions"/>,
    /// new ones of the caller's, apart from the store's own: what the records hold now, whatever objects this store
    /// holds for those IDs (changed since, or loaded before another process saved). Loads through the same pair share
    /// the objects they refer to.
    /// </summary>
    private protected ValueTask<object> LoadApartAsync(Id id, IdentityMap identityMap, ObjectVersions versions, bool async, CancellationToken cancellationToken)
        => LoadCoreAsync(id, identityMap, versions, async, cancellationToken);

    // Loads through identityMap, remembering versions in versions: the store's own (Load), or a pair apart (LoadApartAsync).
    // With absentAsNone (TryLoad), no record under id gives NoRecord; a missing record it refers to throws still.
    private async ValueTask<object> LoadCoreAsync(
        Id id, IdentityMap identityMap, ObjectVersions versions, bool async, CancellationToken cancellationToken, bool absentAsNone = false)
    {
        ArgumentNullException.ThrowIfNull(id);

        // Also for an object still in the identity map: a disposed store answers nothing.
        ObjectDisposedException.ThrowIf(_disposed, this);
        var telemetry = OperationTelemetry.Start(TelemetryNames, StoreOperationKind.Load, id);
        if (identityMap.TryGet(id, out var cached))
        {
            telemetry.IdentityMapHit();
            telemetry.Succeed();
            StoreLog.LoadedFromIdentityMap(Logger, id, TelemetryNames.CollectionName);
            return cached;
        }

        var counting = telemetry.WantsCounts || Logger.IsEnabled(LogLevel.Debug);
        var recordCount = 0;
        long bytes = 0;
        var ownMap = identityMap == IdentityMap;
        var operation = ownMap ? Interlocked.Exchange(ref _spareLoad, null) ?? new LoadOperation(this) : new LoadOperation(this, identityMap);
        var missingAsNull = Options.MissingReferences == MissingReferenceHandling.LoadAsNull;
        try
        {
            object root;
            bool restart;
            do
            {
                restart = false;
                var removals = identityMap.Removals; // before any record is read (see IdentityMap.TryPublish)
                RecordData data;
                if (!absentAsNone)
                {
                    data = await ReadOrThrowAsync(id, null, async, cancellationToken).ConfigureAwait(false);
                }
                else if (await ReadOrNullAsync(id, async, cancellationToken).ConfigureAwait(false) is { } rootRecord)
                {
                    data = rootRecord;
                }
                else
                {
                    telemetry.Succeed(recordCount, bytes);
                    return NoRecord;
                }

                if (counting)
                {
                    recordCount++;
                    bytes += data.Length;
                }

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
                    if (missingAsNull)
                    {
                        var found = await ReadOrNullAsync(pending.Id, async, cancellationToken).ConfigureAwait(false);
                        if (found is null)
                        {
                            // Decode again from the root, with every reference to it as null: the
                            // object made for it is already in its referrers. A rare path, kept simple.
                            StoreLog.MissingReferenceAsNull(Logger, pending.Id, pending.Referrer, TelemetryNames.CollectionName);
                            operation.MarkMissing(pending.Id);
                            operation.Restart();
                            restart = true;
                            break;
                        }

                        data = found.Value;
                    }
                    else
                    {
                        data = await ReadOrThrowAsync(pending.Id, pending.Referrer, async, cancellationToken).ConfigureAwait(false);
                    }

                    if (counting)
                    {
                        recordCount++;
                        bytes += data.Length;
                    }

                    try
                    {
                        operation.Fill(pending, data);
                    }
                    finally
                    {
                        data.Release();
                    }
                }

                if (!restart && !operation.Commit(identityMap, versions, removals, out var saving))
                {
                    // Another load of the store published an object of this graph first (two loads of one ID at
                    // one moment), a save of the store is writing one of its records, or a remove of the store
                    // forgot a record since this load read its own (it may be one of them): this load's instances are
                    // dropped, and it gives the published root (once that save ended), or decodes again, its references
                    // now resolving to the published objects. A rare path, kept simple.
                    operation.Reset();
                    if (saving is not null)
                    {
                        await identityMap.WaitWhileSaving(saving, async).ConfigureAwait(false);
                    }

                    if (identityMap.TryGet(id, out var published))
                    {
                        root = published;
                    }
                    else
                    {
                        restart = true;
                    }
                }
            }
            while (restart);

            telemetry.Succeed(recordCount, bytes);
            StoreLog.Loaded(Logger, id, TelemetryNames.CollectionName, recordCount, bytes);
            return root;
        }
        catch (Exception e)
        {
            telemetry.Fail(e);
            throw;
        }
        finally
        {
            if (ownMap && operation.WorthReusing)
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

    private async ValueTask<RecordData?> ReadOrNullAsync(Id id, bool async, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadRecordAsync(id, async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(id, e);
        }
    }

    private static LoadException Unreadable(Id id, Exception e) => new(id, $"the record could not be read: {e.Message}", e);

    private static RecordNotFoundException Missing(Id id, Id? referrer) => new(id, referrer);

    private async ValueTask RemoveCoreAsync(Id id, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Options.ReadOnly)
        {
            throw ReadOnly($"remove '{id}'");
        }

        var telemetry = OperationTelemetry.Start(TelemetryNames, StoreOperationKind.Remove, id);
        bool existed;
        try
        {
            existed = await DeleteRecordAsync(id, async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            telemetry.Fail(e);
            throw;
        }

        Forget(id);
        telemetry.Activity?.SetTag(PersistenceTelemetry.RecordExistedTag, existed);
        telemetry.Succeed();
        StoreLog.Removed(Logger, id, TelemetryNames.CollectionName, existed);
    }

    // A removed object saved again is a new record, not a stale copy of a newer one.
    private void Forget(Id id)
    {
        if (IdentityMap.TryGet(id, out var removed))
        {
            Versions.Forget(removed);
        }

        IdentityMap.Removed(id);
    }

    private async ValueTask<IReadOnlyList<Id>> ListCoreAsync(bool async, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var telemetry = OperationTelemetry.Start(TelemetryNames, StoreOperationKind.List, id: null);
        IReadOnlyList<Id> ids;
        try
        {
            ids = await ListIdsAsync(async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            telemetry.Fail(e);
            throw;
        }

        telemetry.Activity?.SetTag(PersistenceTelemetry.ReturnedRowsTag, ids.Count);
        telemetry.Succeed();
        StoreLog.Listed(Logger, ids.Count, TelemetryNames.CollectionName);
        return ids;
    }

    private static T As<T>(Id id, object obj)
        where T : class
        => obj as T ?? throw new LoadException(id, $"the record holds an object of type {obj.GetType().FullName}, not of type {typeof(T).FullName} nor of one deriving from it: load it as {obj.GetType().Name}, or with Load(id)");

    // The objects or IDs of a bulk operation, taken once (the caller's sequence may be lazy), none null.
    private static T[] Materialize<T>(IEnumerable<T> items, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(items))] string? name = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(items, name);
        var array = items.ToArray();
        foreach (var item in array)
        {
            ArgumentNullException.ThrowIfNull(item, name);
        }

        return array;
    }
}
