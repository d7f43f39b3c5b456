namespace Gc3.Persistence.Sql;

/// <summary>
/// ADO.NET calls in the store's sync-or-async style: with <c>async</c> false every call completes
/// synchronously (the sync API waits on the result), with true it uses the provider's async I/O.
/// The wrappers are not <c>async</c> methods, so a call with <c>async</c> false runs no state machine
/// (a point read makes five of these calls).
/// </summary>
internal static class SqlAsync
{
    public static ValueTask<int> ExecuteNonQueryAsync(DbCommand command, bool async, CancellationToken cancellationToken)
        => async ? new(command.ExecuteNonQueryAsync(cancellationToken)) : new(command.ExecuteNonQuery());

    /// <summary>
    /// The first column of the first row (<see langword="null"/> when there is none), reading the
    /// statement to its end. SQLite finishes an <c>INSERT/UPDATE ... RETURNING</c> that was only reset
    /// after its first row without running its WAL auto-checkpoint (Microsoft.Data.Sqlite's
    /// ExecuteScalar does that), so the WAL file of a store grew by every write, never checkpointed
    /// (220 MB after 10,000 saves, and reads and List slowed down with it).
    /// </summary>
    public static ValueTask<object?> ExecuteScalarAsync(DbCommand command, bool async, CancellationToken cancellationToken)
        => ExecuteScalarAsync(command, async, cancellationToken, cancellationToken);

    /// <summary>
    /// <see cref="ExecuteScalarAsync(DbCommand, bool, CancellationToken)"/> for a write with <c>RETURNING</c>: once the
    /// statement ran, its result is read whatever the token says. SQLite runs such a write in full before its first row,
    /// and disposing the reader commits it (outside a transaction): a cancellation between the two reported a save as
    /// cancelled whose row was written.
    /// </summary>
    public static ValueTask<object?> ExecuteWriteScalarAsync(DbCommand command, bool async, CancellationToken cancellationToken)
        => ExecuteScalarAsync(command, async, cancellationToken, CancellationToken.None);

    private static async ValueTask<object?> ExecuteScalarAsync(DbCommand command, bool async, CancellationToken cancellationToken, CancellationToken readCancellationToken)
    {
        var reader = await ExecuteReaderAsync(command, async, cancellationToken).ConfigureAwait(false);
        try
        {
            object? first = null;
            if (await ReadAsync(reader, async, readCancellationToken).ConfigureAwait(false))
            {
                first = reader.GetValue(0);
                while (await ReadAsync(reader, async, readCancellationToken).ConfigureAwait(false))
                {
                }
            }

            return first;
        }
        finally
        {
            await DisposeAsync(reader, async).ConfigureAwait(false);
        }
    }

    public static ValueTask<DbDataReader> ExecuteReaderAsync(DbCommand command, bool async, CancellationToken cancellationToken)
        => async ? new(command.ExecuteReaderAsync(cancellationToken)) : new(command.ExecuteReader());

    public static ValueTask<bool> ReadAsync(DbDataReader reader, bool async, CancellationToken cancellationToken)
        => async ? new(reader.ReadAsync(cancellationToken)) : new(reader.Read());

    public static ValueTask CommitAsync(DbTransaction transaction, bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            return new(transaction.CommitAsync(cancellationToken));
        }

        transaction.Commit();
        return ValueTask.CompletedTask;
    }

    public static ValueTask<DbTransaction> BeginTransactionAsync(DbConnection connection, bool async, CancellationToken cancellationToken)
        => async ? connection.BeginTransactionAsync(cancellationToken) : new(connection.BeginTransaction());

    public static ValueTask OpenAsync(DbConnection connection, bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            return new(connection.OpenAsync(cancellationToken));
        }

        connection.Open();
        return ValueTask.CompletedTask;
    }

    /// <summary>Disposes <paramref name="disposable"/>; an unfinished transaction rolls back.</summary>
    public static ValueTask DisposeAsync<T>(T disposable, bool async)
        where T : IDisposable, IAsyncDisposable
    {
        if (async)
        {
            return disposable.DisposeAsync();
        }

        disposable.Dispose();
        return ValueTask.CompletedTask;
    }
}
