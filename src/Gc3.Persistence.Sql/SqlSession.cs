namespace Gc3.Persistence.Sql;

/// <summary>
/// One open connection of a store with its prepared statements. A store keeps a few of them and
/// lends each to one operation at a time, so statements are prepared once per connection and
/// operations on several threads never share a connection.
/// </summary>
internal sealed class SqlSession(DbConnection connection) : IAsyncDisposable
{
    private readonly DbCommand?[] _commands = new DbCommand?[Enum.GetValues<SqlStatementKind>().Length];
    private SqlTableLayout? _layout;

    public DbConnection Connection { get; } = connection;

    /// <summary>The prepared command for <paramref name="kind"/> in <paramref name="layout"/>, with no transaction.</summary>
    public ValueTask<DbCommand> CommandAsync(SqlStatementKind kind, SqlTableLayout layout, bool async, CancellationToken cancellationToken)
    {
        // Every call but the first of each kind finds its command prepared: no state machine for it.
        if (ReferenceEquals(layout, _layout) && _commands[(int)kind] is { } prepared)
        {
            prepared.Transaction = null;
            return new(prepared);
        }

        return PrepareAsync(kind, layout, async, cancellationToken);
    }

    /// <summary>A command that is not kept (schema changes, queries by column).</summary>
    public DbCommand Create(SqlDialect dialect, SqlStatement statement)
    {
        var command = Connection.CreateCommand();
        command.CommandText = statement.Text;
        foreach (var (name, type) in statement.Parameters)
        {
            command.Parameters.Add(dialect.CreateParameter(name, type));
        }

        return command;
    }

    /// <summary>
    /// Runs a statement that is not kept (a schema change, a mark) with <paramref name="values"/> bound to its
    /// parameters in order, in <paramref name="transaction"/> when there is one; returns the rows it changed.
    /// </summary>
    public async ValueTask<int> ExecuteAsync(SqlDialect dialect, SqlStatement statement, DbTransaction? transaction, IReadOnlyList<object> values, bool async, CancellationToken cancellationToken)
    {
        var command = Create(dialect, statement);
        try
        {
            command.Transaction = transaction;
            for (var i = 0; i < values.Count; i++)
            {
                command.Parameters[i].Value = values[i];
            }

            return await SqlAsync.ExecuteNonQueryAsync(command, async, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await SqlAsync.DisposeAsync(command, async).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => DisposeAsync(true);

    public async ValueTask DisposeAsync(bool async)
    {
        await DisposeCommandsAsync(async).ConfigureAwait(false);
        await SqlAsync.DisposeAsync(Connection, async).ConfigureAwait(false);
    }

    private async ValueTask<DbCommand> PrepareAsync(SqlStatementKind kind, SqlTableLayout layout, bool async, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(layout, _layout))
        {
            // The table gained columns: statements that name them are prepared again.
            await DisposeCommandsAsync(async).ConfigureAwait(false);
            _layout = layout;
        }

        var command = _commands[(int)kind];
        if (command is null)
        {
            command = Create(layout.Dialect, layout[kind]);
            if (async)
            {
                await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                command.Prepare();
            }

            _commands[(int)kind] = command;
        }

        command.Transaction = null;
        return command;
    }

    private async ValueTask DisposeCommandsAsync(bool async)
    {
        for (var i = 0; i < _commands.Length; i++)
        {
            if (_commands[i] is { } command)
            {
                _commands[i] = null;
                await SqlAsync.DisposeAsync(command, async).ConfigureAwait(false);
            }
        }
    }
}
