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

    public static async ValueTask<object?> ExecuteScalarAsync(DbCommand command, bool async, CancellationToken cancellationToken)
        => async ? await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteScalar();

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
