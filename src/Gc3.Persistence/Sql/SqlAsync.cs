using System.Data.Common;

namespace Gc3.Persistence.Sql;

/// <summary>
/// ADO.NET calls in the store's sync-or-async style: with <c>async</c> false every call completes
/// synchronously (the sync API waits on the result), with true it uses the provider's async I/O.
/// </summary>
internal static class SqlAsync
{
    public static async ValueTask<int> ExecuteNonQueryAsync(DbCommand command, bool async, CancellationToken cancellationToken)
        => async ? await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteNonQuery();

    /// <summary>
    /// The first column of the first row (<see langword="null"/> when there is none), reading the
    /// statement to its end. SQLite finishes an <c>INSERT/UPDATE ... RETURNING</c> that was only reset
    /// after its first row without running its WAL auto-checkpoint (Microsoft.Data.Sqlite's
    /// ExecuteScalar does that), so the WAL file of a store grew by every write, never checkpointed
    /// (220 MB after 10,000 saves, and reads and List slowed down with it).
    /// </summary>
    public static async ValueTask<object?> ExecuteScalarAsync(DbCommand command, bool async, CancellationToken cancellationToken)
    {
        var reader = await ExecuteReaderAsync(command, async, cancellationToken).ConfigureAwait(false);
        try
        {
            object? first = null;
            if (await ReadAsync(reader, async, cancellationToken).ConfigureAwait(false))
            {
                first = reader.GetValue(0);
                while (await ReadAsync(reader, async, cancellationToken).ConfigureAwait(false))
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

    public static async ValueTask<DbDataReader> ExecuteReaderAsync(DbCommand command, bool async, CancellationToken cancellationToken)
        => async ? await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteReader();

    public static async ValueTask<bool> ReadAsync(DbDataReader reader, bool async, CancellationToken cancellationToken)
        => async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read();

    public static async ValueTask CommitAsync(DbTransaction transaction, bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            transaction.Commit();
        }
    }

    public static async ValueTask OpenAsync(DbConnection connection, bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            connection.Open();
        }
    }

    /// <summary>Disposes <paramref name="disposable"/>; an unfinished transaction rolls back.</summary>
    public static async ValueTask DisposeAsync<T>(T disposable, bool async)
        where T : IDisposable, IAsyncDisposable
    {
        if (async)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            disposable.Dispose();
        }
    }

    /// <summary>Waits for a task the store started with <c>async</c> false, which has completed already.</summary>
    public static T Sync<T>(ValueTask<T> task) => task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();

    /// <inheritdoc cref="Sync{T}(ValueTask{T})"/>
    public static void Sync(ValueTask task)
    {
        if (!task.IsCompletedSuccessfully)
        {
            task.AsTask().GetAwaiter().GetResult();
        }
    }
}
