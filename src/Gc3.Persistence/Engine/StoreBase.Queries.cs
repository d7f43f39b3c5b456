using System.Runtime.CompilerServices;
using Gc3.Persistence.Records;
using Gc3.Persistence.Serialization;
using Gc3.Persistence.Telemetry;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Engine;

/// <summary>The everyday queries and bulk operations, built on the primitives and the single-record operations.</summary>
public abstract partial class StoreBase
{
    /// <inheritdoc/>
    public long Count() => Synchronous.Wait(CountCoreAsync(false, default));

    /// <inheritdoc/>
    public IReadOnlyList<Id> List(string tag) => Synchronous.Wait(ListTaggedCoreAsync(TagSet(tag), false, default));

    /// <inheritdoc/>
    public IReadOnlyList<Id> List<T>()
        where T : class
        => Synchronous.Wait(ListTaggedCoreAsync(TagsOf<T>(), false, default));

    /// <inheritdoc/>
    public IReadOnlyList<object> LoadMany(IEnumerable<Id> ids) => Synchronous.Wait(LoadManyCoreAsync(Materialize(ids), false, default));

    /// <inheritdoc/>
    public IReadOnlyList<T> LoadMany<T>(IEnumerable<Id> ids)
        where T : class
    {
        var list = Materialize(ids);
        return Cast<T>(list, Synchronous.Wait(LoadManyCoreAsync(list, false, default)));
    }

    /// <inheritdoc/>
    public void RemoveMany(IEnumerable<Id> ids) => Synchronous.Wait(RemoveManyCoreAsync(ids, false, default));

    /// <inheritdoc/>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
        => await CountCoreAsync(true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Id>> ListAsync(string tag, CancellationToken cancellationToken = default)
        => await ListTaggedCoreAsync(TagSet(tag), true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Id>> ListAsync<T>(CancellationToken cancellationToken = default)
        where T : class
        => await ListTaggedCoreAsync(TagsOf<T>(), true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<object>> LoadManyAsync(IEnumerable<Id> ids, CancellationToken cancellationToken = default)
        => await LoadManyCoreAsync(Materialize(ids), true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<T>> LoadManyAsync<T>(IEnumerable<Id> ids, CancellationToken cancellationToken = default)
        where T : class
    {
        var list = Materialize(ids);
        return Cast<T>(list, await LoadManyCoreAsync(list, true, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<T> LoadAllAsync<T>([EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class
    {
        // Only the IDs are held; each object is handed over as it is loaded, and the identity map
        // keeps it only while the caller does.
        var ids = await ListTaggedCoreAsync(TagsOf<T>(), true, cancellationToken).ConfigureAwait(false);
        foreach (var id in ids)
        {
            // A record removed since the listing is no longer one of all: skipped, as a listing made now would.
            if (await TryLoadAsync<T>(id, cancellationToken).ConfigureAwait(false) is { } obj)
            {
                yield return obj;
            }
        }
    }

    /// <inheritdoc/>
    public async Task RemoveManyAsync(IEnumerable<Id> ids, CancellationToken cancellationToken = default)
        => await RemoveManyCoreAsync(ids, true, cancellationToken).ConfigureAwait(false);

    /// <summary>How many records the store holds. The default counts <see cref="ListIdsAsync"/>; a store that can count faster overrides it.</summary>
    protected virtual async ValueTask<long> CountRecordsAsync(bool async, CancellationToken cancellationToken)
        => (await ListIdsAsync(async, cancellationToken).ConfigureAwait(false)).Count;

    /// <summary>
    /// The IDs of the records saved under one of <paramref name="tags"/>, in <see cref="Id"/> order. The
    /// default reads the header of every record; a store that keeps the tag beside the record overrides it.
    /// A record whose header cannot be read is left out with a warning in the log (loading it says why).
    /// </summary>
    protected virtual async ValueTask<IReadOnlyList<Id>> ListTaggedIdsAsync(IReadOnlySet<string> tags, bool async, CancellationToken cancellationToken)
    {
        var tagged = new List<Id>();
        foreach (var id in await ListIdsAsync(async, cancellationToken).ConfigureAwait(false))
        {
            RecordData? data;
            try
            {
                data = await ReadRecordAsync(id, async, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Logger.LogWarning(StoreLogEvents.Skipped, e, "Listing by type tag skips the record {Id}: it could not be read.", id);
                continue;
            }
            catch (LoadException e)
            {
                // Refused before its header was read (not a record, larger than MaxRecordBytes): one such file
                // made the whole listing throw, so that no List<T>() or LoadAllAsync<T>() of the store worked.
                SkipUnreadableHeader(e, id);
                continue;
            }

            if (data is not { } record)
            {
                continue; // removed meanwhile
            }

            try
            {
                if (tags.Contains(RecordFormat.ReadHeader(id, record.Span, out _)))
                {
                    tagged.Add(id);
                }
            }
            catch (LoadException e)
            {
                SkipUnreadableHeader(e, id);
            }
            finally
            {
                record.Release();
            }
        }

        return tagged;
    }

    // A listing by tag goes on without a record whose header it cannot read; loading that record says the same.
    private void SkipUnreadableHeader(LoadException e, Id id)
        => Logger.LogWarning(StoreLogEvents.Skipped, e, "Listing by type tag skips the record {Id}: {Reason}", id, e.Reason);

    /// <summary>
    /// Deletes several records; the default deletes them one by one, and the store forgets each as it goes, so a
    /// failure part way leaves the identity map true to the records removed before it. The SQL stores delete them in one transaction.
    /// </summary>
    protected virtual async ValueTask DeleteRecordsAsync(IReadOnlyList<Id> ids, bool async, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
        {
            await DeleteRecordAsync(id, async, cancellationToken).ConfigureAwait(false);
            Forget(id);
        }
    }

    /// <summary>The tags of <typeparamref name="T"/> and of every registered persistable type that derives from it or implements it.</summary>
    /// <exception cref="ArgumentException">No registered persistable type is a <typeparamref name="T"/>.</exception>
    internal static IReadOnlySet<string> TagsOf<T>()
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var serializer in PersistableRegistry.All)
        {
            if (typeof(T).IsAssignableFrom(serializer.Type))
            {
                tags.Add(serializer.Tag);
            }
        }

        return tags.Count > 0
            ? tags
            : throw new ArgumentException(
                $"No registered persistable type is a {typeof(T).FullName}: mark it (or the classes deriving from it) [Persistable].", nameof(T));
    }

    private static HashSet<string> TagSet(string tag)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        return new HashSet<string>(StringComparer.Ordinal) { tag };
    }

    private async ValueTask<long> CountCoreAsync(bool async, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var telemetry = OperationTelemetry.Start(TelemetryNames, StoreOperationKind.Count, id: null);
        try
        {
            var count = await CountRecordsAsync(async, cancellationToken).ConfigureAwait(false);
            telemetry.Activity?.SetTag(PersistenceTelemetry.ReturnedRowsTag, count);
            telemetry.Succeed();
            return count;
        }
        catch (Exception e)
        {
            telemetry.Fail(e);
            throw;
        }
    }

    private async ValueTask<IReadOnlyList<Id>> ListTaggedCoreAsync(IReadOnlySet<string> tags, bool async, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var telemetry = OperationTelemetry.Start(TelemetryNames, StoreOperationKind.List, id: null);
        try
        {
            var ids = await ListTaggedIdsAsync(tags, async, cancellationToken).ConfigureAwait(false);
            telemetry.Activity?.SetTag(PersistenceTelemetry.ReturnedRowsTag, ids.Count);
            telemetry.Succeed();
            StoreLog.Listed(Logger, ids.Count, TelemetryNames.CollectionName);
            return ids;
        }
        catch (Exception e)
        {
            telemetry.Fail(e);
            throw;
        }
    }

    // One load per ID, in the order given; objects the graphs share are loaded once (identity map).
    private async ValueTask<IReadOnlyList<object>> LoadManyCoreAsync(Id[] list, bool async, CancellationToken cancellationToken)
    {
        var objects = new object[list.Length];
        for (var i = 0; i < list.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            objects[i] = await LoadCoreAsync(list[i], IdentityMap, Versions, async, cancellationToken).ConfigureAwait(false);
        }

        return objects;
    }

    private async ValueTask RemoveManyCoreAsync(IEnumerable<Id> ids, bool async, CancellationToken cancellationToken)
    {
        var list = Materialize(ids).Distinct().ToArray();
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfReadOnly("remove records");
        if (list.Length == 0)
        {
            return;
        }

        var telemetry = OperationTelemetry.Start(TelemetryNames, StoreOperationKind.Remove, id: null);
        try
        {
            await DeleteRecordsAsync(list, async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            telemetry.Fail(e);
            throw;
        }

        foreach (var id in list)
        {
            Forget(id);
        }

        telemetry.Activity?.SetTag(PersistenceTelemetry.RecordCountTag, list.Length);
        telemetry.Succeed();
    }

    private static T[] Cast<T>(Id[] ids, IReadOnlyList<object> objects)
        where T : class
    {
        var typed = new T[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            typed[i] = As<T>(ids[i], objects[i]);
        }

        return typed;
    }
}
