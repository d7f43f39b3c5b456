namespace Gc3.Persistence.Sql;

/// <summary>
/// Fills the columns of rows written before the column existed (a <c>[StoreColumn]</c> or an extra field
/// added later), so that <see cref="ListWhere"/> is never silently incomplete. The table schema marks the
/// type tags concerned in the transaction that adds the column; the store loads each of their records and
/// writes its column values, in batches of <see cref="FillBatchSize"/> rows per transaction, logging its
/// progress, then unmarks the tag. Interrupted, it resumes at the next open or <see cref="ListWhere"/>.
/// </summary>
public abstract partial class SqlStore
{
    private const int FillBatchSize = 500;
    private readonly ConcurrentDictionary<string, bool> _unfillableTags = new(StringComparer.Ordinal);

    /// <summary>
    /// Writes every row's columns again from its record, as a column added later is filled. The remedy after a store that
    /// did not know a column wrote rows (a process of an older version of the application, a store opened with fewer
    /// <see cref="SqlStoreOptions.ExtraFields"/>): a row it inserted holds <c>NULL</c> there, one it updated the column's
    /// old value, and <see cref="ListWhere"/> answers from them until they are filled. Call it once no such process runs.
    /// Rows of a tag no type of this application has are left marked, for the application that has it.
    /// </summary>
    /// <remarks>Loads every record of the table (500 rows per write transaction), logging its progress at Information level;
    /// interrupted, it resumes at the next open or <see cref="ListWhere"/>.</remarks>
    public void RefillColumns() => Synchronous.Wait(RefillColumnsCoreAsync(false, default));

    /// <inheritdoc cref="RefillColumns"/>
    public async Task RefillColumnsAsync(CancellationToken cancellationToken = default)
        => await RefillColumnsCoreAsync(true, cancellationToken).ConfigureAwait(false);

    private async ValueTask RefillColumnsCoreAsync(bool async, CancellationToken cancellationToken)
    {
        ThrowIfReadOnly("fill the columns again");
        try
        {
            await ExecuteOnTableAsync(new SqlStatement(Layout.MarkAllTagsToFillSql(), []), [], async, cancellationToken).ConfigureAwait(false);
            await FillColumnsAsync(async, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw Failed($"Filling the columns of {this} again", e);
        }
    }

    // A read-only store's ListWhere: rows of this application's types whose columns are not filled yet would be missing from
    // its answer, and filling them writes.
    private async ValueTask RefuseUnfilledColumnsAsync(bool async, CancellationToken cancellationToken)
    {
        var tags = await ReadTagsToFillAsync(async, cancellationToken).ConfigureAwait(false);
        if (tags.FirstOrDefault(tag => PersistableRegistry.TryGetByTag(tag, out _, out _)) is { } unfilled)
        {
            throw new ReadOnlyStoreException(ToString()!, $"list records by a column: rows of '{unfilled}' written before the columns existed are not filled yet, so the answer could miss some, and filling them writes");
        }
    }

    private async ValueTask FillColumnsAsync(bool async, CancellationToken cancellationToken)
    {
        var tags = await ReadTagsToFillAsync(async, cancellationToken).ConfigureAwait(false);
        foreach (var tag in tags)
        {
            if (!PersistableRegistry.TryGetByTag(tag, out var serializer, out _))
            {
                // Another application's type: it fills its rows itself. Said once per store.
                if (_unfillableTags.TryAdd(tag, true))
                {
                    Logger.LogWarning("Rows of {Tag} in {Table} need columns filled, but no type of this application has that tag; the application that has it fills them.", tag, TableName);
                }

                continue;
            }

            var ids = await ListTaggedIdsAsync(new HashSet<string>(StringComparer.Ordinal) { tag }, async, cancellationToken).ConfigureAwait(false);
            Logger.LogInformation("Filling the columns of {Count} {Tag} rows of {Table} written before the columns existed.", ids.Count, tag, TableName);
            for (var start = 0; start < ids.Count; start += FillBatchSize)
            {
                var batch = ids.Skip(start).Take(FillBatchSize).ToList();
                await FillBatchAsync(batch, serializer, async, cancellationToken).ConfigureAwait(false);
                Logger.LogInformation("Filled the columns of {Done} of {Count} {Tag} rows of {Table}.", start + batch.Count, ids.Count, tag, TableName);
            }

            await ExecuteOnTableAsync(Layout.UnmarkTagToFillStatement(), [tag], async, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask FillBatchAsync(IReadOnlyList<Id> ids, PersistableSerializer serializer, bool async, CancellationToken cancellationToken)
    {
        // Load first, then write in one short transaction: loading may read other records. The records are loaded
        // apart from the store's identity map (sharing the objects they refer to): an object this store holds may have
        // changed since it was saved, or have been saved since by another process, and the columns must say what the
        // record holds.
        var rows = new List<(Id Id, object Object, long Version)>(ids.Count);
        var identityMap = new IdentityMap();
        var versions = new ObjectVersions(() => Location);
        foreach (var id in ids)
        {
            try
            {
                var obj = await LoadApartAsync(id, identityMap, versions, async, cancellationToken).ConfigureAwait(false);
                versions.TryGet(obj, out var version);
                rows.Add((id, obj, version));
            }
            catch (LoadException e)
            {
                Logger.LogWarning(e, "Cannot fill the columns of {Id} in {Table}: the record does not load; they stay NULL.", id, TableName);
            }
        }

        var layout = Layout;
        var session = await _sessions.RentAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            var command = session.Create(Dialect, layout.FillColumnsStatement());
            var transaction = await Dialect.BeginWriteTransactionAsync(session.Connection, async, cancellationToken).ConfigureAwait(false);
            try
            {
                command.Transaction = transaction;
                var keyAt = layout.ValueColumns.Count;
                foreach (var (id, obj, version) in rows)
                {
                    _columnValues.Bind(command.Parameters, 0, layout, new PendingRecord(id, obj, serializer, ReadOnlyMemory<byte>.Empty, IsRoot: false));
                    command.Parameters[keyAt].Value = id.Prefix;
                    command.Parameters[keyAt + 1].Value = id.SeqNo;
                    command.Parameters[keyAt + 2].Value = version;
                    await SqlAsync.ExecuteNonQueryAsync(command, async, cancellationToken).ConfigureAwait(false);
                }

                await SqlAsync.CommitAsync(transaction, async, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await SqlAsync.DisposeAsync(transaction, async).ConfigureAwait(false);
                await SqlAsync.DisposeAsync(command, async).ConfigureAwait(false);
            }
        }
        finally
        {
            await _sessions.ReturnAsync(session, async).ConfigureAwait(false);
        }
    }

    private async ValueTask<List<string>> ReadTagsToFillAsync(bool async, CancellationToken cancellationToken)
    {
        var tags = new List<string>();
        if (_readOnlyTable is { HasFillTable: false })
        {
            return tags; // opened read-only, a table of an older version: none was added a column since
        }

        await QueryAsync(new SqlStatement(Layout.ListTagsToFillSql(), []), null, reader => tags.Add(reader.GetString(0)), async, cancellationToken).ConfigureAwait(false);
        return tags;
    }

    private async ValueTask ExecuteOnTableAsync(SqlStatement statement, IReadOnlyList<object> values, bool async, CancellationToken cancellationToken)
    {
        var session = await _sessions.RentAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            await session.ExecuteAsync(Dialect, statement, null, values, async, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _sessions.ReturnAsync(session, async).ConfigureAwait(false);
        }
    }
}
