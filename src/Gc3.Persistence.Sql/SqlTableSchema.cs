namespace Gc3.Persistence.Sql;

/// <summary>
/// The table of a <see cref="SqlStore"/> and its migration: creates the table, its counter table and
/// indexes when they are missing, checks that an existing table is a store table, and adds the
/// columns a layout has and the table lacks (keeping its other columns), when the store opens and
/// when a save meets a type whose declared columns are new.
/// </summary>
internal sealed class SqlTableSchema(SqlDialect dialect, string table, SqlSessionPool sessions, ILogger logger)
{
    private static readonly string[] FixedColumns = ["prefix", "seqno", "id", "tag", "data", "version"];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile SqlTableLayout? _layout;

    /// <summary>The layout the table has, or <see langword="null"/> before <see cref="OpenAsync"/>.</summary>
    public SqlTableLayout? Layout => _layout;

    /// <summary>Brings the table to <paramref name="layout"/>, which becomes the current one.</summary>
    public async ValueTask OpenAsync(SqlTableLayout layout, bool async, CancellationToken cancellationToken)
    {
        await EnsureAsync(layout, async, cancellationToken).ConfigureAwait(false);
        _layout = layout;
    }

    /// <summary>
    /// Takes <paramref name="layout"/>, made of <paramref name="existing"/> columns only, as the current one without changing
    /// the table (a read-only store's): the table must be a store table, but nothing it lacks is created.
    /// </summary>
    /// <exception cref="InvalidOperationException">The table is not a store table.</exception>
    public void OpenAsIs(SqlTableLayout layout, HashSet<string> existing)
    {
        CheckStoreTable(existing);
        _layout = layout;
    }

    /// <summary>The columns of the table <paramref name="name"/> (this store's, or one beside it); none when it does not exist. Creates nothing.</summary>
    public async ValueTask<HashSet<string>> ColumnsOfAsync(string name, bool async, CancellationToken cancellationToken)
    {
        var session = await sessions.RentAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            return await ListColumnsAsync(session.Connection, null, async, cancellationToken, name).ConfigureAwait(false);
        }
        finally
        {
            await sessions.ReturnAsync(session, async).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the table is there (with any columns at all); creates nothing.</summary>
    public async ValueTask<bool> ExistsAsync(bool async, CancellationToken cancellationToken)
    {
        var session = await sessions.RentAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            return (await ListColumnsAsync(session.Connection, null, async, cancellationToken).ConfigureAwait(false)).Count > 0;
        }
        finally
        {
            await sessions.ReturnAsync(session, async).ConfigureAwait(false);
        }
    }

    // A newly seen type that declares columns the table lacks: add them first (rare; once per type).
    public async ValueTask<SqlTableLayout> LayoutForAsync(SqlTableLayout layout, IReadOnlyList<PendingRecord> records, bool async, CancellationToken cancellationToken)
    {
        List<PersistableSerializer>? unknown = null;
        foreach (var record in records)
        {
            if (record.Serializer.Columns.Count > 0 && layout.MapOf(record.Serializer) is null)
            {
                (unknown ??= []).Add(record.Serializer);
            }
        }

        if (unknown is null)
        {
            return layout;
        }

        if (async)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _gate.Wait(cancellationToken);
        }

        try
        {
            var current = _layout!;
            var next = current.With(unknown);
            if (!ReferenceEquals(next, current))
            {
                await EnsureAsync(next, async, cancellationToken).ConfigureAwait(false);
                _layout = next;
            }

            return next;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Creates what <paramref name="layout"/> needs and the table lacks, in one schema transaction.</summary>
    /// <exception cref="InvalidOperationException">The table exists but is not a store table.</exception>
    public async ValueTask EnsureAsync(SqlTableLayout layout, bool async, CancellationToken cancellationToken)
    {
        var session = await sessions.RentAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = session.Connection;
            var transaction = await dialect.BeginSchemaTransactionAsync(connection, table, async, cancellationToken).ConfigureAwait(false);
            try
            {
                ValueTask<int> Execute(string sql) => session.ExecuteAsync(dialect, new SqlStatement(sql, []), transaction, [], async, cancellationToken);

                await Execute(layout.CreateTableSql()).ConfigureAwait(false);
                var existing = await ListColumnsAsync(connection, transaction, async, cancellationToken).ConfigureAwait(false);
                CheckStoreTable(existing);

                await Execute(layout.CreateTagIndexSql()).ConfigureAwait(false);
                await Execute(layout.CreateFillTableSql()).ConfigureAwait(false);
                foreach (var column in layout.ValueColumns)
                {
                    if (!existing.Contains(column.Name))
                    {
                        logger.LogInformation("Adding the column {Column} ({Type}) to the table {Table}.", column.Name, column.SqlType, table);
                        await Execute(dialect.AddColumnSql(layout.QuotedTable, dialect.Quote(column.Name), column.SqlType)).ConfigureAwait(false);

                        // Rows written before the column existed hold NULL there: mark their types, in this
                        // transaction, so the store fills them (and resumes after a crash) before ListWhere answers.
                        if (column.Extra is not null)
                        {
                            await Execute(layout.MarkAllTagsToFillSql()).ConfigureAwait(false);
                        }
                        else
                        {
                            foreach (var serializer in PersistableRegistry.All)
                            {
                                if (serializer.Columns.Any(c => string.Equals(c.Name, column.Name, StringComparison.OrdinalIgnoreCase)))
                                {
                                    await session.ExecuteAsync(dialect, layout.MarkTagToFillStatement(), transaction, [serializer.Tag], async, cancellationToken).ConfigureAwait(false);
                                }
                            }
                        }
                    }

                    await Execute(layout.CreateIndexSql(column)).ConfigureAwait(false);
                }

                await Execute(layout.CreateCounterTableSql()).ConfigureAwait(false);
                await Execute(layout.InitializeCounterSql()).ConfigureAwait(false);
                await SqlAsync.CommitAsync(transaction, async, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await SqlAsync.DisposeAsync(transaction, async).ConfigureAwait(false);
            }
        }
        finally
        {
            await sessions.ReturnAsync(session, async).ConfigureAwait(false);
        }
    }

    private void CheckStoreTable(HashSet<string> existing)
    {
        var missing = FixedColumns.Where(c => !existing.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The table '{table}' exists but is not a Gc3.Persistence store table: it lacks the columns {string.Join(", ", missing)}. " +
                "Name another table with #table=NAME in the URI or SqlStoreOptions.TableName.");
        }
    }

    private ValueTask<HashSet<string>> ListColumnsAsync(DbConnection connection, DbTransaction? transaction, bool async, CancellationToken cancellationToken, string? of = null)
        => ReadNamesAsync(connection, transaction, dialect.ListColumnsSql, of ?? table, async, cancellationToken);

    /// <summary>The store tables of the database (see <see cref="SqlDialect.ListStoreTablesSql"/>), in name order; none when the dialect cannot list them.</summary>
    public async ValueTask<IReadOnlyList<string>> StoreTablesAsync(bool async, CancellationToken cancellationToken)
    {
        if (dialect.ListStoreTablesSql is not { } sql)
        {
            return [];
        }

        var session = await sessions.RentAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            var names = await ReadNamesAsync(session.Connection, null, sql, null, async, cancellationToken).ConfigureAwait(false);
            return [.. names.Order(StringComparer.Ordinal)];
        }
        finally
        {
            await sessions.ReturnAsync(session, async).ConfigureAwait(false);
        }
    }

    // The first column of every row of a query that takes @table (when tableParameter is given) or nothing.
    private async ValueTask<HashSet<string>> ReadNamesAsync(
        DbConnection connection, DbTransaction? transaction, string sql, string? tableParameter, bool async, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var command = connection.CreateCommand();
        try
        {
            command.CommandText = sql;
            command.Transaction = transaction;
            if (tableParameter is not null)
            {
                var parameter = dialect.CreateParameter("@table", DbType.String);
                parameter.Value = tableParameter;
                command.Parameters.Add(parameter);
            }

            var reader = await SqlAsync.ExecuteReaderAsync(command, async, cancellationToken).ConfigureAwait(false);
            try
            {
                while (await SqlAsync.ReadAsync(reader, async, cancellationToken).ConfigureAwait(false))
                {
                    names.Add(reader.GetString(0));
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

        return names;
    }
}
