using Gc3.Persistence.Records;
using Gc3.Persistence.Schemas;

namespace Gc3.Persistence.Sql;

/// <summary>
/// The SQL store's writer schemas (issue 15): the table <c>NAME_schema(hash, tag, document)</c>, one row per schema,
/// written in the transaction of the first records that name it (the hash as a signed 64-bit number, bit for bit).
/// </summary>
public abstract partial class SqlStore
{
    private volatile bool _schemaTableReady;

    /// <summary>The table that keeps the store's writer schemas (<c>NAME_schema</c>).</summary>
    public string SchemaTableName => TableName + "_schema";

    private string QuotedSchemaTable => Dialect.Quote(SchemaTableName);

    /// <inheritdoc/>
    protected override async ValueTask<IReadOnlyList<StoredSchema>> ReadStoredSchemasAsync(bool async, CancellationToken cancellationToken)
    {
        var schemas = new List<StoredSchema>();
        await ReadSchemaRowsAsync(null, async, cancellationToken, (schema, problem) =>
        {
            if (problem is null)
            {
                schemas.Add(schema);
            }
            else
            {
                // Damaged: an error only for the records that need it (on load); listing goes on without it.
                Logger.LogWarning(StoreLogEvents.Skipped, "Skipping the schema {Hash} of {Table}: {Problem}.", schema.HashText, SchemaTableName, problem);
            }
        }).ConfigureAwait(false);
        return schemas;
    }

    /// <inheritdoc/>
    protected override async ValueTask<StoredSchema?> ReadStoredSchemaAsync(ulong hash, bool async, CancellationToken cancellationToken)
    {
        StoredSchema? found = null;
        await ReadSchemaRowsAsync(hash, async, cancellationToken, (schema, problem) =>
            found = problem is null ? schema : throw new InvalidDataException($"The schema {schema.HashText} in the table '{SchemaTableName}' of {this} is damaged: {problem}.")).ConfigureAwait(false);
        return found;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// As a save does (<see cref="KeepSchemasAsync"/>): a damaged row under one of the hashes is replaced, with a warning;
    /// a sound row holding another document is a hash collision, refused with nothing written. Without this a copy
    /// (<c>StoreCopy</c>) counted the schema as added and left the damaged row.
    /// </remarks>
    protected override async ValueTask WriteStoredSchemasAsync(IReadOnlyList<StoredSchema> schemas, bool async, CancellationToken cancellationToken)
    {
        await EnsureSchemaTableAsync(async, cancellationToken).ConfigureAwait(false);
        List<(StoredSchema Schema, string Problem)>? repaired;
        var session = await _sessions.RentAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await Dialect.BeginWriteTransactionAsync(session.Connection, async, cancellationToken).ConfigureAwait(false);
            try
            {
                repaired = await KeepSchemasAsync(session, transaction, schemas, async, cancellationToken).ConfigureAwait(false);
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

        LogRepaired(repaired);
    }

    // Creates the schema table when missing, once per store, in a schema transaction (as the record table).
    private async ValueTask EnsureSchemaTableAsync(bool async, CancellationToken cancellationToken)
    {
        if (_schemaTableReady)
        {
            return;
        }

        var session = await _sessions.RentAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await Dialect.BeginSchemaTransactionAsync(session.Connection, TableName, async, cancellationToken).ConfigureAwait(false);
            try
            {
                var create = new SqlStatement(
                    $"CREATE TABLE IF NOT EXISTS {QuotedSchemaTable} (hash {Dialect.BigIntType} PRIMARY KEY, tag {Dialect.TextType} NOT NULL, document {Dialect.TextType} NOT NULL)", []);
                await session.ExecuteAsync(Dialect, create, transaction, [], async, cancellationToken).ConfigureAwait(false);
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

        _schemaTableReady = true;
    }

    // In the transaction of a save (or a copy) that writes these schemas for the first time in this store, so once per
    // schema and store: each row is read; a missing one is inserted (one another save keeps meanwhile stays as it is), a
    // damaged one (a document that does not hash to its hash, a NULL, a length past the limits) is given the sound
    // document, and a sound one holding another document (a hash collision) fails the save before anything is written:
    // otherwise the records would name a schema no reader can decode them by, or another type's. Gives the rows put back,
    // with what was wrong with each, for LogRepaired to tell once the transaction commits (a failed save repairs nothing).
    private async ValueTask<List<(StoredSchema Schema, string Problem)>?> KeepSchemasAsync(
        SqlSession session, DbTransaction transaction, IReadOnlyList<StoredSchema> schemas, bool async, CancellationToken cancellationToken)
    {
        List<StoredSchema>? missing = null;
        List<(StoredSchema Schema, string Problem)>? repaired = null;
        var select = session.Create(Dialect, SchemaRowsStatement(one: true));
        try
        {
            select.Transaction = transaction;
            foreach (var schema in schemas)
            {
                select.Parameters[0].Value = unchecked((long)schema.Hash);
                var reader = await SqlAsync.ExecuteReaderAsync(select, async, cancellationToken).ConfigureAwait(false);
                try
                {
                    if (!await SqlAsync.ReadAsync(reader, async, cancellationToken).ConfigureAwait(false))
                    {
                        (missing ??= []).Add(schema);
                        continue;
                    }

                    var (existing, problem) = ReadSchemaRow(reader);
                    if (problem is not null)
                    {
                        (repaired ??= []).Add((schema, problem));
                    }
                    else if (existing.Document != schema.Document)
                    {
                        throw new InvalidDataException($"The table '{SchemaTableName}' of {this} holds another schema with the same hash as the one of '{schema.Tag}' (a hash collision); nothing was saved.");
                    }
                }
                finally
                {
                    await SqlAsync.DisposeAsync(reader, async).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await SqlAsync.DisposeAsync(select, async).ConfigureAwait(false);
        }

        await ExecutePerSchemaAsync(
            session, transaction, missing, $"INSERT INTO {QuotedSchemaTable} (hash, tag, document) VALUES (@hash, @tag, @document) ON CONFLICT (hash) DO NOTHING", async, cancellationToken).ConfigureAwait(false);

        // The hash is the key: the row is the same schema, repaired.
        await ExecutePerSchemaAsync(
            session, transaction, repaired?.ConvertAll(r => r.Schema), $"UPDATE {QuotedSchemaTable} SET tag = @tag, document = @document WHERE hash = @hash", async, cancellationToken).ConfigureAwait(false);
        return repaired;
    }

    // Said once the rows are committed: the records that named these schemas could not be decoded without their types until now.
    private void LogRepaired(List<(StoredSchema Schema, string Problem)>? repaired)
    {
        if (repaired is null)
        {
            return; // every save but a repairing one: nothing to allocate
        }

        foreach (var (schema, problem) in repaired)
        {
            Logger.LogWarning(StoreLogEvents.SchemaRepaired, "Replacing the damaged schema {Hash} of {Table} ({Problem}) with the schema of {Tag}.", schema.HashText, SchemaTableName, problem, schema.Tag);
        }
    }

    // One statement of the parameters @hash, @tag and @document, run for each schema in the transaction.
    private async ValueTask ExecutePerSchemaAsync(SqlSession session, DbTransaction transaction, IReadOnlyList<StoredSchema>? schemas, string sql, bool async, CancellationToken cancellationToken)
    {
        if (schemas is null || schemas.Count == 0)
        {
            return;
        }

        var command = session.Create(Dialect, new SqlStatement(sql, [("@hash", DbType.Int64), ("@tag", DbType.String), ("@document", DbType.String)]));
        try
        {
            command.Transaction = transaction;
            foreach (var schema in schemas)
            {
                command.Parameters[0].Value = unchecked((long)schema.Hash);
                command.Parameters[1].Value = schema.Tag;
                command.Parameters[2].Value = schema.Document;
                await SqlAsync.ExecuteNonQueryAsync(command, async, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await SqlAsync.DisposeAsync(command, async).ConfigureAwait(false);
        }
    }

    // Each row (or the one of 'hash'), with why it is damaged, or null (see ReadSchemaRow).
    private async ValueTask ReadSchemaRowsAsync(ulong? hash, bool async, CancellationToken cancellationToken, Action<StoredSchema, string?> row)
    {
        if (Options.ReadOnly)
        {
            // Not created to be read: a store that has none keeps no schemas (until a writer's first save creates it).
            if (!_schemaTableReady && (await _schema.ColumnsOfAsync(SchemaTableName, async, cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                return;
            }

            _schemaTableReady = true;
        }
        else
        {
            await EnsureSchemaTableAsync(async, cancellationToken).ConfigureAwait(false);
        }
        await QueryAsync(
            SchemaRowsStatement(one: hash is not null),
            hash is { } one ? command => command.Parameters[0].Value = unchecked((long)one) : null,
            reader =>
            {
                var (schema, problem) = ReadSchemaRow(reader);
                row(schema, problem);
            },
            async,
            cancellationToken).ConfigureAwait(false);
    }

    // The query of every schema row, or of the one of @hash, as ReadSchemaRow reads them: a longer tag or document is
    // never fetched, the database answers its length.
    private SqlStatement SchemaRowsStatement(bool one)
    {
        var columns = $"hash, {SqlDialect.BoundedColumns("tag", RecordFormat.MaxTagBytes)}, {SqlDialect.BoundedColumns("document", StoredSchema.MaxDocumentBytes)}";
        return one
            ? new SqlStatement($"SELECT {columns} FROM {QuotedSchemaTable} WHERE hash = @hash", [("@hash", DbType.Int64)])
            : new SqlStatement($"SELECT {columns} FROM {QuotedSchemaTable} ORDER BY hash", []);
    }

    // The schema of the reader's row, with why it is damaged (a NULL, a tag or document too long to be one, a document
    // that does not hash to its hash), or null.
    private static (StoredSchema Schema, string? Problem) ReadSchemaRow(DbDataReader reader)
    {
        var rowHash = unchecked((ulong)reader.GetInt64(0));
        var tag = reader.IsDBNull(1) ? null : reader.GetString(1);
        if (tag is null && !reader.IsDBNull(2))
        {
            return (new StoredSchema(rowHash, string.Empty, string.Empty), $"its tag is {reader.GetInt64(2)} bytes long, more than a type tag's {RecordFormat.MaxTagBytes}");
        }

        if (tag is null || reader.IsDBNull(4))
        {
            return (new StoredSchema(rowHash, tag ?? string.Empty, string.Empty), $"its {(tag is null ? "tag" : "document")} is NULL");
        }

        if (reader.GetInt64(4) is var length && length > StoredSchema.MaxDocumentBytes)
        {
            return (new StoredSchema(rowHash, tag, string.Empty), $"its document is {StoredSchema.TooLong(length)}");
        }

        var schema = new StoredSchema(rowHash, tag, reader.GetString(3));
        var actual = StoredSchema.HashOf(schema.Document);
        return (schema, actual == schema.Hash ? null : $"its document hashes to {StoredSchema.HashTextOf(actual)}");
    }
}
