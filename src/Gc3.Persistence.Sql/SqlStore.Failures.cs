namespace Gc3.Persistence.Sql;

/// <summary>
/// The store's primitives as the engine calls them: a <see cref="DbException"/> of the provider (a
/// <c>SqliteException</c>, an <c>NpgsqlException</c>) never reaches the caller bare; it becomes a
/// <see cref="StoreException"/> (a <see cref="LoadException"/> for a read) that says what failed, on
/// which store and which IDs, with the provider's exception as its <see cref="Exception.InnerException"/>.
/// </summary>
public abstract partial class SqlStore
{
    /// <summary>The SQL stores write a transaction's saves and removes in one database transaction.</summary>
    public override bool SupportsTransactions => true;

    /// <inheritdoc/>
    protected override async ValueTask WriteRecordsAsync(IReadOnlyList<PendingRecord> records, bool async, CancellationToken cancellationToken)
    {
        try
        {
            await WriteCoreAsync(records, [], async, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyException e) when (e.ExpectedVersion == 0)
        {
            await MoveCounterPastRowsAsync(e.Id, async, cancellationToken).ConfigureAwait(false);
            throw;
        }
        catch (DbException e)
        {
            throw Failed($"Saving {Describe(records)} to {this}", e);
        }
    }

    /// <inheritdoc/>
    protected override async ValueTask WriteTransactionAsync(IReadOnlyList<PendingRecord> records, IReadOnlyList<Id> removals, bool async, CancellationToken cancellationToken)
    {
        try
        {
            await WriteCoreAsync(records, removals, async, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyException e) when (e.ExpectedVersion == 0)
        {
            await MoveCounterPastRowsAsync(e.Id, async, cancellationToken).ConfigureAwait(false);
            throw;
        }
        catch (DbException e)
        {
            var removes = removals.Count == 0 ? "" : $" and removing {Describe(removals)}";
            throw Failed($"Committing a transaction (saving {Describe(records)}{removes}) to {this}", e);
        }
    }

    /// <inheritdoc/>
    protected override async ValueTask<RecordData?> ReadRecordAsync(Id id, bool async, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadRecordCoreAsync(id, async, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw new LoadException(id, $"reading it from {this} failed: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    protected override async ValueTask<bool> DeleteRecordAsync(Id id, bool async, CancellationToken cancellationToken)
    {
        try
        {
            return await DeleteRecordCoreAsync(id, async, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw Failed($"Removing '{id}' from {this}", e);
        }
    }

    /// <summary>Deletes the records in one transaction, in key order (as writes lock rows), so all or none go.</summary>
    protected override async ValueTask DeleteRecordsAsync(IReadOnlyList<Id> ids, bool async, CancellationToken cancellationToken)
    {
        try
        {
            await DeleteRecordsCoreAsync(ids, async, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw Failed($"Removing {Describe(ids)} from {this}", e);
        }
    }

    /// <summary>Counts the rows of the table.</summary>
    protected override async ValueTask<long> CountRecordsAsync(bool async, CancellationToken cancellationToken)
    {
        try
        {
            return await CountRecordsCoreAsync(async, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw Failed($"Counting the records of {this}", e);
        }
    }

    /// <summary>Reads the indexed <c>tag</c> column: no record is read.</summary>
    protected override async ValueTask<IReadOnlyList<Id>> ListTaggedIdsAsync(IReadOnlySet<string> tags, bool async, CancellationToken cancellationToken)
    {
        try
        {
            return await ListTaggedIdsCoreAsync(tags, async, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw Failed($"Listing the records tagged {string.Join(", ", tags)} in {this}", e);
        }
    }

    /// <inheritdoc/>
    protected override async ValueTask<IReadOnlyList<Id>> ListIdsAsync(bool async, CancellationToken cancellationToken)
    {
        try
        {
            return await ListIdsCoreAsync(async, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw Failed($"Listing the records of {this}", e);
        }
    }

    // A new record found its ID taken. When the counter is not past the rows (a restored backup, a hand edit), every
    // save would go on failing: as the file store does, move it past the highest ID, so the next save gets a free one.
    // The save's transaction is over: SQLite's write lock is free for the counter's update.
    private async ValueTask MoveCounterPastRowsAsync(Id taken, bool async, CancellationToken cancellationToken)
    {
        try
        {
            if (_counter is not null && await _counter.BehindRowsAsync(async, cancellationToken).ConfigureAwait(false) is { } highest)
            {
                Logger.LogWarning(
                    "The ID counter table {Counter} gave {Id}, which a row already has: the counter is behind the rows of {Table} (restored from an older backup?). Moving it past the highest ID number, {Highest}.",
                    Layout.CounterTable, taken, TableName, highest);
                MoveCounterPast(highest);
            }
        }
        catch (Exception e) when (e is DbException or StoreException)
        {
            // The conflict is what the caller must see; the next conflict tries again.
            Logger.LogError(e, "Moving the ID counter table {Counter} past the rows of {Table} failed.", Layout.CounterTable, TableName);
        }
    }

    /// <summary>A <see cref="StoreException"/> saying that <paramref name="what"/> failed, with the provider's exception inside.</summary>
    internal static StoreException Failed(string what, DbException e) => new($"{what} failed: {e.Message}", e);

    private async ValueTask<IReadOnlyList<Id>> ListWhereGuardedAsync(string column, object? value, bool async, CancellationToken cancellationToken)
    {
        try
        {
            return await ListWhereCoreAsync(column, value, async, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw Failed($"Listing the records of {this} whose {column} is '{value}'", e);
        }
    }

    private static string Describe(IReadOnlyList<PendingRecord> records)
        => records.Count == 1 ? $"'{records[0].Id}'" : $"{records.Count} records ({Some(records.Select(r => r.Id))})";

    private static string Describe(IReadOnlyList<Id> ids)
        => ids.Count == 1 ? $"'{ids[0]}'" : $"{ids.Count} records ({Some(ids)})";

    private static string Some(IEnumerable<Id> ids)
    {
        var list = ids.Take(4).Select(id => $"'{id}'").ToList();
        return list.Count > 3 ? string.Join(", ", list.Take(3)) + ", ..." : string.Join(", ", list);
    }
}
