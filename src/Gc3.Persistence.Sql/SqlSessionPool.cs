namespace Gc3.Persistence.Sql;

/// <summary>
/// The open connections of a <see cref="SqlStore"/>, each with its prepared statements: an operation
/// rents one, uses it alone and returns it. A spare session and up to <see cref="MaxIdleSessions"/> - 1
/// more stay open between operations; a broken one, or one too many, is closed on return.
/// </summary>
internal sealed class SqlSessionPool(SqlDialect dialect, Func<DbConnection> createConnection, object owner)
{
    private const int MaxIdleSessions = 8;

    private readonly ConcurrentBag<SqlSession> _idle = [];
    private SqlSession? _spare;
    private volatile bool _disposed;
    private int _idleCount;

    // One operation at a time is the common case: it takes and gives back the spare session with
    // one atomic exchange each, where the bag cost a thread-local lookup and a counter update.
    public ValueTask<SqlSession> RentAsync(bool async, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, owner);
        if (Interlocked.Exchange(ref _spare, null) is { } spare)
        {
            return new(spare);
        }

        if (_idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            return new(session);
        }

        return OpenSessionAsync(async, cancellationToken);
    }

    // A connection that broke (closed by an error) or is one too many is closed, not kept.
    public ValueTask ReturnAsync(SqlSession session, bool async)
    {
        if (!_disposed && session.Connection.State == ConnectionState.Open)
        {
            if (Interlocked.CompareExchange(ref _spare, session, null) is null || KeepIdle(session))
            {
                if (_disposed)
                {
                    CloseIdleSessions(); // Dispose ran meanwhile and may have missed this one
                }

                return ValueTask.CompletedTask;
            }
        }

        return session.DisposeAsync(async);
    }

    /// <summary>
    /// Runs a query on a session of the pool: <paramref name="bind"/> sets its parameters, <paramref name="row"/> reads
    /// each row; then the reader and the command are disposed and the session returned.
    /// </summary>
    public async ValueTask QueryAsync(SqlStatement statement, Action<DbCommand>? bind, Action<DbDataReader> row, bool async, CancellationToken cancellationToken)
    {
        var session = await RentAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            var command = session.Create(dialect, statement);
            try
            {
                bind?.Invoke(command);
                var reader = await SqlAsync.ExecuteReaderAsync(command, async, cancellationToken).ConfigureAwait(false);
                try
                {
                    while (await SqlAsync.ReadAsync(reader, async, cancellationToken).ConfigureAwait(false))
                    {
                        row(reader);
                    }
                }
                finally
                {
                    await SqlAsync.DisposeAsync(reader, async).ConfigureAwait(false);
                }
            }
            finally
            {
                await SqlAsync.DisposeAsync(command, async).ConfigureAwait(false);
            }
        }
        finally
        {
            await ReturnAsync(session, async).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the idle sessions; a session returned later is closed on return.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            CloseIdleSessions();
        }
    }

    private async ValueTask<SqlSession> OpenSessionAsync(bool async, CancellationToken cancellationToken)
    {
        var connection = createConnection();
        try
        {
            await SqlAsync.OpenAsync(connection, async, cancellationToken).ConfigureAwait(false);
            await dialect.InitializeConnectionAsync(connection, async, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await SqlAsync.DisposeAsync(connection, async).ConfigureAwait(false);
            throw;
        }

        return new SqlSession(connection);
    }

    // The spare session and up to MaxIdleSessions - 1 more stay open.
    private bool KeepIdle(SqlSession session)
    {
        if (Interlocked.Increment(ref _idleCount) < MaxIdleSessions)
        {
            _idle.Add(session);
            return true;
        }

        Interlocked.Decrement(ref _idleCount);
        return false;
    }

    private void CloseIdleSessions()
    {
        if (Interlocked.Exchange(ref _spare, null) is { } spare)
        {
            Synchronous.Wait(spare.DisposeAsync(false));
        }

        while (_idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            Synchronous.Wait(session.DisposeAsync(false));
        }
    }
}
