using System.Runtime.CompilerServices;
using Gc3.Persistence.Records;

namespace Gc3.Persistence.Sql;

/// <summary>
/// The raw-record API of the SQL stores: listings read the table a page at a time in key order
/// (keyset paging, so no reader stays open between pages and memory stays flat), and raw writes
/// insert rows only where there are none, in one transaction per call.
/// </summary>
public abstract partial class SqlStore
{
    private const int RawPageSize = 1000;

    // The tag and state a raw listing reads, each NULL when longer than the store reads, then its length in bytes (see TextOrProblem).
    // (A table opened read-only without a state column has none to read.)
    private string TagAndStateColumns
        => $"{SqlDialect.BoundedColumns("tag", RecordFormat.MaxTagBytes)}, {SqlDialect.BoundedColumns(_readOnlyTable is { HasState: false } ? $"CAST(NULL AS {Dialect.TextType})" : Dialect.Quote(SqlColumn.StateName), SqlColumn.MaxStateBytes)}";

    /// <summary>
    /// Reads the <c>tag</c> and <c>state</c> columns and the length of <c>data</c>, a page of rows at a time; a tag or state
    /// too long to be read is listed as <see langword="null"/>, with a warning.
    /// </summary>
    protected override async IAsyncEnumerable<RecordInfo> ListRecordInfoCoreAsync(string? tag, string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in ReadPagesAsync(tag, prefix, withData: false, cancellationToken).ConfigureAwait(false))
        {
            yield return new RecordInfo(row.Id, row.Tag, row.Length, row.State, row.SchemaHash);
        }
    }

    /// <summary>Reads the rows with their records, a page at a time.</summary>
    protected override async IAsyncEnumerable<RawRecord> ReadRawRecordsCoreAsync(string? tag, string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in ReadPagesAsync(tag, prefix, withData: true, cancellationToken).ConfigureAwait(false))
        {
            yield return row.Record!;
        }
    }

    /// <summary>Reads one row's record, with its tag and state.</summary>
    protected override async ValueTask<RawRecord?> ReadRawRecordCoreAsync(Id id, CancellationToken cancellationToken)
    {
        var layout = Layout;
        var statement = new SqlStatement(
            $"SELECT {TagAndStateColumns}, {layout.RecordColumns} FROM {layout.QuotedTable} WHERE prefix = @prefix AND seqno = @seqno",
            [("@prefix", DbType.String), ("@seqno", DbType.Int64)]);
        RawRecord? record = null;
        await QueryAsync(
            statement,
            command =>
            {
                command.Parameters[0].Value = id.Prefix;
                command.Parameters[1].Value = id.SeqNo;
            },
            reader => record = ToRawRecord(reader, id, textAt: 0, dataAt: 4),
            true,
            cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>
    /// Inserts each row where there is none (<c>ON CONFLICT DO NOTHING</c>), compares the record of a
    /// row that is there, and marks the records' tags for their columns to be filled by the
    /// application that has their types (the tool that copies has none). One transaction.
    /// </summary>
    protected override async ValueTask<int> WriteRawRecordsCoreAsync(IReadOnlyList<RawRecord> records, CancellationToken cancellationToken)
    {
        var layout = Layout;
        var state = Dialect.Quote(SqlColumn.StateName);
        var insert = new SqlStatement(
            $"INSERT INTO {layout.QuotedTable} (prefix, seqno, id, tag, data, version, {state}) VALUES (@prefix, @seqno, @id, @tag, @data, 1, @state) ON CONFLICT (prefix, seqno) DO NOTHING",
            [("@prefix", DbType.String), ("@seqno", DbType.Int64), ("@id", DbType.String), ("@tag", DbType.String), ("@data", DbType.Binary), ("@state", DbType.String)]);
        var read = new SqlStatement(
            $"SELECT {layout.RecordColumns} FROM {layout.QuotedTable} WHERE prefix = @prefix AND seqno = @seqno",
            [("@prefix", DbType.String), ("@seqno", DbType.Int64)]);
        var mark = layout.MarkTagToFillStatement();
        var written = 0;
        var session = await _sessions.RentAsync(true, cancellationToken).ConfigureAwait(false);
        var bulk = false;
        try
        {
            bulk = await ExecuteOnSessionAsync(session, Dialect.BulkWriteBeginSql, cancellationToken).ConfigureAwait(false);
            var transaction = await Dialect.BeginWriteTransactionAsync(session.Connection, true, cancellationToken).ConfigureAwait(false);
            var inserting = session.Create(Dialect, insert);
            try
            {
                inserting.Transaction = transaction;
                await inserting.PrepareAsync(cancellationToken).ConfigureAwait(false);
                var parameters = inserting.Parameters;
                var tags = new HashSet<string>(StringComparer.Ordinal);
                foreach (var record in InKeyOrder(records))
                {
                    parameters[0].Value = record.Id.Prefix;
                    parameters[1].Value = record.Id.SeqNo;
                    parameters[2].Value = record.Id.ToString();
                    parameters[3].Value = record.Tag!;
                    parameters[4].Value = Dialect.BlobValue(record.Data);
                    parameters[5].Value = (object?)record.State ?? DBNull.Value;
                    if (await SqlAsync.ExecuteNonQueryAsync(inserting, true, cancellationToken).ConfigureAwait(false) == 1)
                    {
                        written++;
                        tags.Add(record.Tag!);
                    }
                    else if (!await StoredRecordEqualsAsync(session, read, transaction, record, cancellationToken).ConfigureAwait(false))
                    {
                        throw new RecordClashException(record.Id, ToString() ?? GetType().Name);
                    }
                }

                foreach (var tag in tags)
                {
                    await session.ExecuteAsync(Dialect, mark, transaction, [tag], true, cancellationToken).ConfigureAwait(false);
                }

                await SqlAsync.CommitAsync(transaction, true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await SqlAsync.DisposeAsync(inserting, true).ConfigureAwait(false);
                await SqlAsync.DisposeAsync(transaction, true).ConfigureAwait(false);
            }
        }
        finally
        {
            try
            {
                if (bulk)
                {
                    await ExecuteOnSessionAsync(session, Dialect.BulkWriteEndSql, CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                await _sessions.ReturnAsync(session, true).ConfigureAwait(false);
            }
        }

        return written;
    }

    // Runs one statement of the dialect's on the session's connection; false when there is none.
    private async ValueTask<bool> ExecuteOnSessionAsync(SqlSession session, string? sql, CancellationToken cancellationToken)
    {
        if (sql is null)
        {
            return false;
        }

        await session.ExecuteAsync(Dialect, new SqlStatement(sql, []), null, [], true, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Reads the counter table; when its row is missing or holds no ID number, the number after the highest in the
    /// table (what the store restores it to).
    /// </summary>
    protected override ValueTask<long> ReadIdCounterCoreAsync(CancellationToken cancellationToken)
    {
        var layout = Layout;
        var restored = $"({layout.NextAfterHighestSql()})";

        // A table opened read-only without its counter table (an older version's): the number a save would start from.
        var statement = new SqlStatement(
            _readOnlyTable is { HasCounterTable: false }
                ? $"SELECT {restored}"
                : $"SELECT COALESCE((SELECT CASE WHEN {layout.ValidCounter} THEN next_seqno ELSE {restored} END FROM {layout.QuotedCounterTable}), {restored})",
            []);
        return ReadNumberAsync(statement, true, cancellationToken);
    }

    private async ValueTask<bool> StoredRecordEqualsAsync(SqlSession session, SqlStatement read, DbTransaction transaction, RawRecord record, CancellationToken cancellationToken)
    {
        var command = session.Create(Dialect, read);
        try
        {
            command.Transaction = transaction;
            command.Parameters[0].Value = record.Id.Prefix;
            command.Parameters[1].Value = record.Id.SeqNo;
            var reader = await SqlAsync.ExecuteReaderAsync(command, true, cancellationToken).ConfigureAwait(false);
            try
            {
                if (!await SqlAsync.ReadAsync(reader, true, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                var stored = Dialect.ReadRecordBytes(reader, 0, Options.MaxRecordBytes, out _);
                if (stored is not { } data)
                {
                    return false;
                }

                try
                {
                    return data.Span.SequenceEqual(record.Data.Span);
                }
                finally
                {
                    data.Release();
                }
            }
            finally
            {
                await SqlAsync.DisposeAsync(reader, true).ConfigureAwait(false);
            }
        }
        finally
        {
            await SqlAsync.DisposeAsync(command, true).ConfigureAwait(false);
        }
    }

    // Pages of rows in key order, each page after the last key of the one before: no reader is held
    // between pages (a consumer may take its time), and the database seeks on the primary key.
    private async IAsyncEnumerable<RawRow> ReadPagesAsync(string? tag, string? prefix, bool withData, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var layout = Layout;
        var filters = (tag is null ? string.Empty : " AND tag = @tag") + (prefix is null ? string.Empty : " AND prefix = @prefix");
        var value = withData ? layout.RecordColumns : $"{SqlDialect.DataLength}, substr(data, 4, 10)"; // the length, and the header from the version byte to the schema hash
        List<(string, DbType)> parameters = [("@after", DbType.String), ("@afterSeqNo", DbType.Int64), ("@limit", DbType.Int64), ("@skip", DbType.Int64)];
        if (tag is not null)
        {
            parameters.Add(("@tag", DbType.String));
        }

        if (prefix is not null)
        {
            parameters.Add(("@prefix", DbType.String));
        }

        var statement = new SqlStatement(
            $"SELECT {layout.KeyColumns}, {TagAndStateColumns}, {value} FROM {layout.QuotedTable} " +
            $"WHERE (prefix > @after OR (prefix = @after AND seqno > @afterSeqNo)){filters} ORDER BY prefix, seqno LIMIT @limit OFFSET @skip",
            [.. parameters]);
        // The key of the last row of a page that the listing read, as stored (a forged row's text or real number pages on
        // after itself), and the rows after it whose key was too long to be read: the next page skips those.
        object afterPrefix = string.Empty;
        object afterSeqNo = -1L;
        var skip = 0L;
        var page = new List<RawRow>(RawPageSize);
        while (true)
        {
            page.Clear();
            var (rows, last) = await ReadPageAsync(statement, afterPrefix, afterSeqNo, skip, tag, prefix, withData, page, cancellationToken).ConfigureAwait(false);
            foreach (var row in page)
            {
                yield return row;
            }

            if (rows < RawPageSize)
            {
                yield break;
            }

            (afterPrefix, afterSeqNo, skip) = last ?? (afterPrefix, afterSeqNo, skip + rows);
        }
    }

    // Reads one page into 'page' (leaving out, with a warning, a row whose key makes no ID); returns the number of rows
    // read, with the key of the last one whose key was read, as stored, and the number of rows after it (none when no
    // key was read).
    private async ValueTask<(int Rows, (object Prefix, object SeqNo, long Skipped)? Last)> ReadPageAsync(
        SqlStatement statement, object afterPrefix, object afterSeqNo, long skip, string? tag, string? prefix, bool withData, List<RawRow> page, CancellationToken cancellationToken)
    {
        var rows = 0;
        string? lastPrefix = null;
        var lastSeqNo = 0L;
        var keyRead = false;
        var skipped = 0L;
        (object Prefix, object SeqNo)? forgedKey = null;
        await QueryAsync(
            statement,
            command =>
            {
                command.Parameters[0].Value = afterPrefix;
                command.Parameters[1].Value = afterSeqNo;
                command.Parameters[2].Value = (long)RawPageSize;
                command.Parameters[3].Value = skip;
                var at = 4;
                if (tag is not null)
                {
                    command.Parameters[at++].Value = tag;
                }

                if (prefix is not null)
                {
                    command.Parameters[at].Value = prefix;
                }
            },
            reader =>
            {
                rows++;
                if (!SqlRowKey.TryRead(reader, 0, lastPrefix, out var rowPrefix, out var seqNo))
                {
                    LogRowWithoutId(reader);
                    if (SqlRowKey.IsUnread(reader, 0))
                    {
                        skipped++;
                    }
                    else
                    {
                        (forgedKey, keyRead, skipped) = ((SqlRowKey.Raw(reader, 0), SqlRowKey.Raw(reader, 1)), true, 0);
                    }

                    return;
                }

                (forgedKey, lastPrefix, lastSeqNo, keyRead, skipped) = (null, rowPrefix, seqNo, true, 0);
                var id = new Id(rowPrefix, seqNo);
                if (withData)
                {
                    var record = ToRawRecord(reader, id, textAt: 4, dataAt: 8);
                    page.Add(new RawRow(id, record.Tag, record.Data.Length, record.State, 0, record));
                }
                else
                {
                    var length = reader.IsDBNull(8) ? 0 : Convert.ToInt64(reader.GetValue(8), CultureInfo.InvariantCulture);
                    var hash = reader.IsDBNull(9) ? 0 : RecordHeader.TryReadSchemaHash(reader.GetFieldValue<byte[]>(9));
                    var rowTag = TextOrProblem(reader, 4, "tag", RecordFormat.MaxTagBytes, out var tagProblem);
                    var state = TextOrProblem(reader, 6, "state", SqlColumn.MaxStateBytes, out var stateProblem);
                    if ((tagProblem ?? stateProblem) is { } problem)
                    {
                        Logger.LogWarning(StoreLogEvents.Skipped, "Listing {Id} of {Table} without its {Column}: {Problem}.", id, TableName, tagProblem is null ? "state" : "tag", problem);
                    }

                    page.Add(new RawRow(id, rowTag, length, state, hash, null));
                }
            },
            true,
            cancellationToken).ConfigureAwait(false);
        var last = forgedKey is { } key ? (key.Prefix, key.SeqNo, skipped) : ((object)lastPrefix!, (object)lastSeqNo, skipped);
        return (rows, keyRead ? last : null);
    }

    // The tag and state at textAt (as TagAndStateColumns selects them), then the record at dataAt; a row whose tag or state
    // is too long to be read comes with its problem, and its record is not read.
    private RawRecord ToRawRecord(DbDataReader reader, Id id, int textAt, int dataAt)
    {
        var tag = TextOrProblem(reader, textAt, "tag", RecordFormat.MaxTagBytes, out var tagProblem);
        var state = TextOrProblem(reader, textAt + 2, "state", SqlColumn.MaxStateBytes, out var stateProblem);
        if ((tagProblem ?? stateProblem) is { } problem)
        {
            return new RawRecord(id, tag, ReadOnlyMemory<byte>.Empty, state, problem);
        }

        var data = Dialect.ReadRecordBytes(reader, dataAt, Options.MaxRecordBytes, out var length);
        if (data is not { } bytes)
        {
            return new RawRecord(id, tag, ReadOnlyMemory<byte>.Empty, state, UnreadableData(length));
        }

        if (!bytes.Pooled && bytes.Length == bytes.Buffer.Length)
        {
            return new RawRecord(id, tag, bytes.Buffer, state);
        }

        try
        {
            return new RawRecord(id, tag, bytes.Span.ToArray(), state);
        }
        finally
        {
            bytes.Release();
        }
    }

    // A text column selected with SqlDialect.BoundedColumns: its value, or null (with why, when it was too long to be read).
    private static string? TextOrProblem(DbDataReader reader, int ordinal, string column, int maxLength, out string? problem)
    {
        problem = null;
        if (!reader.IsDBNull(ordinal))
        {
            return reader.GetString(ordinal);
        }

        if (!reader.IsDBNull(ordinal + 1))
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"the row's {column} is {reader.GetInt64(ordinal + 1)} bytes long, more than the {maxLength} bytes the store reads as a {column}");
        }

        return null;
    }

    // The records in key order (the order of the table's primary key, so rows are appended to the end of its
    // b-tree when the target is empty); a copy hands them over in that order already, and is not sorted again.
    private static IEnumerable<RawRecord> InKeyOrder(IReadOnlyList<RawRecord> records)
    {
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i - 1].Id.CompareTo(records[i].Id) > 0)
            {
                return records.OrderBy(r => r.Id);
            }
        }

        return records;
    }

    // One row of a page.
    private sealed record RawRow(Id Id, string? Tag, long Length, string? State, ulong SchemaHash, RawRecord? Record);
}
