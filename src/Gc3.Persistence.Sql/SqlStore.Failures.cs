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
