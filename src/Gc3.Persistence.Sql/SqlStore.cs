using Gc3.Persistence.Schemas;

namespace Gc3.Persistence.Sql;

/// <summary>
/// A store that keeps its records in one table of a SQL database, as gc3's <c>SqlStore</c> does:
/// one row per ID with the type tag, <c>state</c>, the record bytes, a version number, and extra
/// columns that can be queried (<see cref="ListWhere"/>). The SQLite and PostgreSQL stores are
/// this class with a <see cref="SqlDialect"/> and a way to open connections.
/// </summary>
/// <remarks>
/// <para>A save is one transaction: a container and the children it saves are all written or none
/// is. IDs come from a counter table in the database, so processes on several machines never give
/// the same ID. Each row has a version: saving an object whose row changed since this store loaded
/// or saved it throws <see cref="ConcurrencyException"/> and writes nothing.</para>
/// <para>The store is thread-safe: it keeps a few open connections, each lent to one operation at a
/// time, with its statements prepared once.</para>
/// </remarks>
public abstract partial class SqlStore : StoreBase
{
    private readonly IReadOnlyList<SqlExtraField> _extraFields;
    private readonly SqlSessionPool _sessions;
    private readonly SqlTableSchema _schema;
    private readonly SqlColumnValues _columnValues;
    private SqlIdCounter? _counter;
    private ReadOnlyTable? _readOnlyTable;

    /// <summary>Prepares the store; the derived constructor calls <see cref="Open"/> once it can create connections.</summary>
    /// <param name="dialect">The database's dialect.</param>
    /// <param name="uriTableName">The table named in the URI (<c>#table=NAME</c>), if any; <see cref="SqlStoreOptions.TableName"/> wins over it.</param>
    /// <param name="options">The store's options; a <see cref="SqlStoreOptions"/> for the table name and extra fields.</param>
    /// <exception cref="ArgumentException">The table name is not a plain identifier.</exception>
    protected SqlStore(SqlDialect dialect, string? uriTableName, StoreOptions? options)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        Dialect = dialect;
        var sqlOptions = Options as SqlStoreOptions;
        TableName = SqlNames.ValidateTable(sqlOptions?.TableName ?? uriTableName ?? SqlNames.DefaultTable, nameof(SqlStoreOptions.TableName));
        _extraFields = sqlOptions?.ExtraFields ?? [];
        _sessions = new SqlSessionPool(dialect, CreateConnection, this);
        _schema = new SqlTableSchema(dialect, TableName, _sessions, Logger);
        _columnValues = new SqlColumnValues(Logger, dialect);
    }

    // What a table opened read-only has of what the store creates (an older version's lacks some): what it lacks reads as empty.
    private sealed record ReadOnlyTable(bool HasState, bool HasCounterTable, bool HasFillTable);

    /// <summary>The table that holds the records.</summary>
    public string TableName { get; }

    /// <inheritdoc/>
    protected override string DbCollectionName => TableName;

    /// <summary>The database's dialect.</summary>
    protected SqlDialect Dialect { get; }

    // The application's logger factory for the database's own client library (Npgsql), whose loggers drop what they throw, as the store's own do.
    internal ILoggerFactory? ClientLoggerFactory => Options.LoggerFactory is { } factory ? new Telemetry.BestEffortLoggerFactory(factory) : null;

    /// <summary>The columns <see cref="ListWhere"/> accepts: <c>tag</c>, <c>prefix</c>, <c>state</c>, the extra fields and every declared column.</summary>
    public IReadOnlyList<string> QueryableColumns => [.. Layout.QueryableColumns];

    private SqlTableLayout Layout => _schema.Layout ?? throw new InvalidOperationException($"{GetType().Name} did not call Open.");

    /// <summary>A new, closed connection to the database.</summary>
    protected abstract DbConnection CreateConnection();

    /// <summary>
    /// Connects, creates the table, its counter table and indexes when they are missing, adds the
    /// declared and extra columns the table lacks (keeping its other columns), and starts giving IDs.
    /// </summary>
    /// <exception cref="InvalidOperationException">The table exists but is not a store table, or two types declare one column differently.</exception>
    /// <exception cref="StoreNotFoundException">The table does not exist and <see cref="StoreOptions.CreateIfMissing"/> is off or <see cref="StoreOptions.ReadOnly"/> on.</exception>
    protected void Open()
    {
        try
        {
            OpenCore();
        }
        catch (DbException e)
        {
            throw Failed($"Opening the store {this}", e);
        }
    }

    private void OpenCore()
    {
        if ((!Options.CreateIfMissing || Options.ReadOnly) && !Synchronous.Wait(_schema.ExistsAsync(false, default)))
        {
            throw new StoreNotFoundException($"{this}", $"the database has no table '{TableName}'{(Options.ReadOnly ? " (a store opened read-only creates none)" : "")}{OtherStoreTables()}");
        }

        var columns = SqlTableLayout.InitialColumns(Dialect, _extraFields, PersistableRegistry.All);
        if (Options.ReadOnly)
        {
            // The table as it is, also one an older version wrote: nothing created, upgraded or filled (its connections
            // could not write it anyway); the columns and tables it lacks are read as empty.
            var existing = Synchronous.Wait(_schema.ColumnsOfAsync(TableName, false, default));
            columns.RemoveAll(column => !existing.Contains(column.Name));
            var asIs = new SqlTableLayout(Dialect, TableName, columns, Options.MaxRecordBytes);
            _schema.OpenAsIs(asIs, existing);
            _readOnlyTable = new ReadOnlyTable(
                HasState: existing.Contains(SqlColumn.StateName),
                HasCounterTable: Synchronous.Wait(_schema.ColumnsOfAsync(asIs.CounterTable, false, default)).Count > 0,
                HasFillTable: Synchronous.Wait(_schema.ColumnsOfAsync(TableName + "_fill", false, default)).Count > 0);
        }
        else
        {
            Synchronous.Wait(_schema.OpenAsync(new SqlTableLayout(Dialect, TableName, columns, Options.MaxRecordBytes), false, default));
        }

        _counter = new SqlIdCounter(_sessions, _schema, () => Layout, Logger);
        SetSequenceSource(_counter.Blocks);
        if (!Options.ReadOnly)
        {
            Synchronous.Wait(FillColumnsAsync(false, default));
        }
    }

    // Where the store's table is missing, the store tables the database does hold: a store saved with TableName "jobs" and
    // opened without it (gc3p, CreateIfMissing = false) is then one #table=jobs away, rather than a database that seems empty.
    private string OtherStoreTables()
    {
        const int Shown = 10;
        var tables = Synchronous.Wait(_schema.StoreTablesAsync(false, default));
        if (tables.Count == 0)
        {
            return "; it holds no store table";
        }

        var names = string.Join(", ", tables.Take(Shown).Select(name => $"'{name}'")) + (tables.Count > Shown ? $" and {tables.Count - Shown} more" : "");
        return $"; {(tables.Count == 1 ? "its store table is" : "its store tables are")} {names}: name one with #table=NAME in the URI (or {nameof(SqlStoreOptions)}.{nameof(SqlStoreOptions.TableName)})";
    }

    /// <summary>
    /// The IDs of the records whose <paramref name="column"/> equals <paramref name="value"/>, in
    /// <see cref="Id"/> order, using the column's index. <paramref name="value"/> is converted as saved
    /// values are (an enum becomes its name in a text column); <see langword="null"/> finds NULLs.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="column"/> is not one of <see cref="QueryableColumns"/>, or <paramref name="value"/> does not fit it.</exception>
    public IReadOnlyList<Id> ListWhere(string column, object? value) => Synchronous.Wait(ListWhereGuardedAsync(column, value, false, default));

    /// <inheritdoc cref="ListWhere"/>
    public async Task<IReadOnlyList<Id>> ListWhereAsync(string column, object? value, CancellationToken cancellationToken = default)
        => await ListWhereGuardedAsync(column, value, true, cancellationToken).ConfigureAwait(false);

    // The records, then the removals (a transaction's), in one database transaction unless there is one record only.
    private async ValueTask WriteCoreAsync(IReadOnlyList<PendingRecord> records, IReadOnlyList<Id> removals, bool async, CancellationToken cancellationToken)
    {
        if (records.Count == 0 && removals.Count == 0)
        {
            return;
        }

        var layout = await _schema.LayoutForAsync(Layout, records, async, cancellationToken).ConfigureAwait(false);

        // A schema the store does not keep yet is written in the transaction of the first records that name it.
        var schemas = SchemasToKeep(records);
        if (schemas.Count > 0)
        {
            await EnsureSchemaTableAsync(async, cancellationToken).ConfigureAwait(false);
        }

        var versions = new long[records.Count];
        List<(StoredSchema Schema, string Problem)>? repaired = null;
        var session = await _sessions.RentAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            if (records.Count == 1 && removals.Count == 0 && schemas.Count == 0)
            {
                // One statement commits on its own: no BEGIN/COMMIT round trips for a plain Save.
                versions[0] = await WriteRecordAsync(session, layout, records[0], null, async, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Rows are written in key order, so two transactions that share rows lock them in the
                // same order and cannot deadlock each other (PostgreSQL would abort one of them).
                var order = Enumerable.Range(0, records.Count).ToArray();
                Array.Sort(order, (x, y) => records[x].Id.CompareTo(records[y].Id));
                var transaction = await Dialect.BeginWriteTransactionAsync(session.Connection, async, cancellationToken).ConfigureAwait(false);
                try
                {
                    // Only in the first save of each schema in this store: later ones know it kept (SchemasToKeep is empty).
                    repaired = await KeepSchemasAsync(session, transaction, schemas, async, cancellationToken).ConfigureAwait(false);
                    foreach (var i in order)
                    {
                        versions[i] = await WriteRecordAsync(session, layout, records[i], transaction, async, cancellationToken).ConfigureAwait(false);
                    }

                    if (removals.Count > 0)
                    {
                        await DeleteInTransactionAsync(session, layout, removals, transaction, async, cancellationToken).ConfigureAwait(false);
                    }

                    await SqlAsync.CommitAsync(transaction, async, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await SqlAsync.DisposeAsync(transaction, async).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await _sessions.ReturnAsync(session, async).ConfigureAwait(false);
        }

        SchemasKept(schemas);
        LogRepaired(repaired);
        for (var i = 0; i < records.Count; i++)
        {
            RememberVersion(records[i].Object, versions[i]);
        }
    }

    private async ValueTask<RecordData?> ReadRecordCoreAsync(Id id, bool async, CancellationToken cancellationToken)
    {
        var session = await _sessions.RentAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            var command = await session.CommandAsync(SqlStatementKind.Read, Layout, async, cancellationToken).ConfigureAwait(false);
            BindKey(command, id);
            var reader = await SqlAsync.ExecuteReaderAsync(command, async, cancellationToken).ConfigureAwait(false);
            try
            {
                if (!await SqlAsync.ReadAsync(reader, async, cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                // A forged row may hold NULL or, in SQLite, text where the version goes: no version to check a save against.
                var version = reader.IsDBNull(3) ? throw new LoadException(id, $"the row's version is {SqlRowKey.Show(reader, 2, 4)}, not a whole number") : reader.GetInt64(3);
                var data = Dialect.ReadRecordBytes(reader, 0, Options.MaxRecordBytes, out var length)
                    ?? throw new LoadException(id, UnreadableData(length));
                return data with { Version = version };
            }
            finally
            {
                await SqlAsync.DisposeAsync(reader, async).ConfigureAwait(false);
            }
        }
        finally
        {
            await _sessions.ReturnAsync(session, async).ConfigureAwait(false);
        }
    }

    // Why ReadRecordBytes gave no bytes.
    private string UnreadableData(long length) => length < 0
        ? "the row's data is NULL"
        : $"the record is {length} bytes long, more than the largest record this store reads ({Options.MaxRecordBytes} bytes, StoreOptions.MaxRecordBytes)";

    private async ValueTask<bool> DeleteRecordCoreAsync(Id id, bool async, CancellationToken cancellationToken)
    {
        var session = await _sessions.RentAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            var command = await session.CommandAsync(SqlStatementKind.Delete, Layout, async, cancellationToken).ConfigureAwait(false);
            BindKey(command, id);
            return await SqlAsync.ExecuteNonQueryAsync(command, async, cancellationToken).ConfigureAwait(false) > 0;
        }
        finally
        {
            await _sessions.ReturnAsync(session, async).ConfigureAwait(false);
        }
    }

    // Deletes the records in one transaction, in key order (as writes lock rows), so all or none go.
    private async ValueTask DeleteRecordsCoreAsync(IReadOnlyList<Id> ids, bool async, CancellationToken cancellationToken)
    {
        var session = await _sessions.RentAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await Dialect.BeginWriteTransactionAsync(session.Connection, async, cancellationToken).ConfigureAwait(false);
            try
            {
                await DeleteInTransactionAsync(session, Layout, ids, transaction, async, cancellationToken).ConfigureAwait(false);
                await SqlAsync.CommitAsync(transaction, async, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await SqlAsync.DisposeAsync(transaction, async).ConfigureAwait(false);
            }
        }
        finally
        {
            await _sessions.ReturnAsync(session, async).ConfigureAwait(false);
        }
    }

    private async ValueTask DeleteInTransactionAsync(SqlSession session, SqlTableLayout layout, IReadOnlyList<Id> ids, DbTransaction transaction, bool async, CancellationToken cancellationToken)
    {
        var command = await session.CommandAsync(SqlStatementKind.Delete, layout, async, cancellationToken).ConfigureAwait(false);
        try
        {
            command.Transaction = transaction;
            foreach (var id in ids.Distinct().Order())
            {
                BindKey(command, id);
                await SqlAsync.ExecuteNonQueryAsync(command, async, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            command.Transaction = null;
        }
    }

    private ValueTask<long> CountRecordsCoreAsync(bool async, CancellationToken cancellationToken)
        => ReadNumberAsync(new SqlStatement($"SELECT COUNT(*) FROM {Layout.QuotedTable}", []), async, cancellationToken);

    private async ValueTask<IReadOnlyList<Id>> ListTaggedIdsCoreAsync(IReadOnlySet<string> tags, bool async, CancellationToken cancellationToken)
    {
        var names = tags.Select((_, i) => $"@tag{i}").ToArray();
        var statement = new SqlStatement(
            $"SELECT {Layout.KeyColumns} FROM {Layout.QuotedTable} WHERE tag IN ({string.Join(", ", names)}) ORDER BY prefix, seqno",
            [.. names.Select(name => (name, DbType.String))]);
        var session = await _sessions.RentAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            var command = session.Create(Dialect, statement);
            try
            {
                var i = 0;
                foreach (var tag in tags)
                {
                    command.Parameters[i++].Value = tag;
                }

                return await ReadIdsAsync(command, async, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await SqlAsync.DisposeAsync(command, async).ConfigureAwait(false);
            }
        }
        finally
        {
            await _sessions.ReturnAsync(session, async).ConfigureAwait(false);
        }
    }

    private async ValueTask<IReadOnlyList<Id>> ListIdsCoreAsync(bool async, CancellationToken cancellationToken)
    {
        var session = await _sessions.RentAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            var command = await session.CommandAsync(SqlStatementKind.List, Layout, async, cancellationToken).ConfigureAwait(false);
            return await ReadIdsAsync(command, async, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _sessions.ReturnAsync(session, async).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the store's connections.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sessions.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask<IReadOnlyList<Id>> ListWhereCoreAsync(string column, object? value, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(column);

        // A column added since some rows were written (here or by another process) is filled before it answers; a read-only
        // store cannot fill it, and refuses to answer from a column that is not filled yet.
        if (Options.ReadOnly)
        {
            await RefuseUnfilledColumnsAsync(async, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await FillColumnsAsync(async, cancellationToken).ConfigureAwait(false);
        }

        var layout = Layout;
        var valueColumn = layout.FindValueColumn(column);
        var fixedColumn = column.ToLowerInvariant() is "tag" or "prefix" ? column.ToLowerInvariant() : null;
        if (valueColumn is null && fixedColumn is null)
        {
            throw new ArgumentException(
                $"The store cannot query the column '{(SqlNames.IsIdentifier(column) ? column : "(not an identifier)")}'; it can query {string.Join(", ", layout.QueryableColumns)}.",
                nameof(column));
        }

        var kind = valueColumn?.Kind ?? StoreColumnKind.Text;
        object dbValue;
        try
        {
            dbValue = SqlValueConverter.ToDb(value, kind, Dialect);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException($"The value '{value}' ({value!.GetType().Name}) does not fit the column '{column}', which holds {kind} values: {e.Message}", nameof(value), e);
        }

        var isNull = dbValue is DBNull;
        var statement = new SqlStatement(
            layout.ListWhereSql(valueColumn, fixedColumn ?? column, isNull),
            isNull ? [] : [("@value", SqlTableLayout.DbTypeOf(kind))]);
        var session = await _sessions.RentAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            var command = session.Create(Dialect, statement);
            try
            {
                if (!isNull)
                {
                    command.Parameters[0].Value = dbValue;
                }

                return await ReadIdsAsync(command, async, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await SqlAsync.DisposeAsync(command, async).ConfigureAwait(false);
            }
        }
        finally
        {
            await _sessions.ReturnAsync(session, async).ConfigureAwait(false);
        }
    }

    // Rows come back in key order from the primary key (or a column index holding the key), read one
    // at a time: only the IDs are kept, never a record.
    private async ValueTask<IReadOnlyList<Id>> ReadIdsAsync(DbCommand command, bool async, CancellationToken cancellationToken)
    {
        var ids = new List<Id>();
        var reader = await SqlAsync.ExecuteReaderAsync(command, async, cancellationToken).ConfigureAwait(false);
        try
        {
            string? lastPrefix = null;
            while (await SqlAsync.ReadAsync(reader, async, cancellationToken).ConfigureAwait(false))
            {
                if (!SqlRowKey.TryRead(reader, 0, lastPrefix, out var prefix, out var seqNo))
                {
                    LogRowWithoutId(reader);
                    continue;
                }

                lastPrefix = prefix; // consecutive rows share one prefix string
                ids.Add(new Id(prefix, seqNo));
            }
        }
        finally
        {
            await SqlAsync.DisposeAsync(reader, async).ConfigureAwait(false);
        }

        return ids;
    }

    // A row whose prefix and seqno (columns 0 and 1) make no ID: written by hand, or forged.
    private void LogRowWithoutId(DbDataReader reader)
        => Logger.LogWarning(StoreLogEvents.Skipped, "Skipping a row of {Table} whose {Key} cannot make an ID.", TableName, SqlRowKey.Describe(reader, 0));

    // Runs a query of one number (a count, the ID counter) on a session of the pool.
    private async ValueTask<long> ReadNumberAsync(SqlStatement statement, bool async, CancellationToken cancellationToken)
    {
        var session = await _sessions.RentAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            var command = session.Create(Dialect, statement);
            try
            {
                return Convert.ToInt64(await SqlAsync.ExecuteScalarAsync(command, async, cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            }
            finally
            {
                await SqlAsync.DisposeAsync(command, async).ConfigureAwait(false);
            }
        }
        finally
        {
            await _sessions.ReturnAsync(session, async).ConfigureAwait(false);
        }
    }

    // For the reads off the load path (tags to fill, schema rows, pages): see SqlSessionPool.QueryAsync.
    private ValueTask QueryAsync(SqlStatement statement, Action<DbCommand>? bind, Action<DbDataReader> row, bool async, CancellationToken cancellationToken)
        => _sessions.QueryAsync(statement, bind, row, async, cancellationToken);

    private async ValueTask<long> WriteRecordAsync(SqlSession session, SqlTableLayout layout, PendingRecord record, DbTransaction? transaction, bool async, CancellationToken cancellationToken)
    {
        var expected = record.ExpectedVersion;
        var kind = expected switch
        {
            null => SqlStatementKind.Upsert,
            0 => SqlStatementKind.InsertNew,
            _ => SqlStatementKind.UpdateVersion,
        };
        var command = await session.CommandAsync(kind, layout, async, cancellationToken).ConfigureAwait(false);
        command.Transaction = transaction;
        var parameters = command.Parameters;
        parameters[0].Value = record.Id.Prefix;
        parameters[1].Value = record.Id.SeqNo;
        parameters[2].Value = record.Id.ToString();
        parameters[3].Value = record.Serializer.Tag;
        parameters[4].Value = Dialect.BlobValue(record.Data);
        _columnValues.Bind(parameters, SqlTableLayout.FixedWriteParameters, layout, record);
        if (kind == SqlStatementKind.UpdateVersion)
        {
            parameters[^1].Value = expected!.Value;
        }

        long? written;
        if (kind == SqlStatementKind.Upsert)
        {
            // Only the database knows the version an upsert leaves: it comes back with RETURNING.
            var returned = await SqlAsync.ExecuteWriteScalarAsync(command, async, cancellationToken).ConfigureAwait(false);
            written = returned is null or DBNull ? null : Convert.ToInt64(returned, System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            // The version an insert or a guarded update leaves is known beforehand (1, or the expected
            // one plus 1), so the row count says all: RETURNING made each SQLite insert 30% slower.
            var rows = await SqlAsync.ExecuteNonQueryAsync(command, async, cancellationToken).ConfigureAwait(false);
            written = rows == 1 ? (expected ?? 0) + 1 : null;
        }

        // No row written: the insert found the ID taken, or the update found another version.
        if (written is null)
        {
            var actual = await ReadVersionAsync(session, layout, record.Id, transaction, async, cancellationToken).ConfigureAwait(false);
            throw new ConcurrencyException(record.Id, expected ?? 0, actual);
        }

        return written.Value;
    }

    private async ValueTask<long> ReadVersionAsync(SqlSession session, SqlTableLayout layout, Id id, DbTransaction? transaction, bool async, CancellationToken cancellationToken)
    {
        var command = await session.CommandAsync(SqlStatementKind.ReadVersion, layout, async, cancellationToken).ConfigureAwait(false);
        command.Transaction = transaction;
        BindKey(command, id);
        var version = await SqlAsync.ExecuteScalarAsync(command, async, cancellationToken).ConfigureAwait(false);
        return version is null or DBNull ? 0 : Convert.ToInt64(version, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void BindKey(DbCommand command, Id id)
    {
        command.Parameters[0].Value = id.Prefix;
        command.Parameters[1].Value = id.SeqNo;
    }
}
