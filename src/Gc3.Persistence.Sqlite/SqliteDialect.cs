using System.Data;
using System.Data.Common;
using System.Globalization;
using Gc3.Persistence.Engine;
using Gc3.Persistence.Serialization;
using Microsoft.Data.Sqlite;

namespace Gc3.Persistence.Sqlite;

/// <summary>
/// SQLite's side of the SQL store: an ordinary (rowid) table with a unique key on the ID, write-ahead
/// logging, and <c>BEGIN IMMEDIATE</c> transactions so that processes sharing the file queue for
/// the write lock (up to <see cref="StoreOptions.LockTimeout"/>) rather than fail.
/// </summary>
internal sealed class SqliteDialect(bool durable, TimeSpan lockTimeout, bool readOnly = false) : SqlDialect
{
    /// <summary>How long a statement waits in SQLite for another connection's write lock (<c>busy_timeout</c>).</summary>
    public int BusyTimeoutMilliseconds { get; } = lockTimeout == Timeout.InfiniteTimeSpan
        ? int.MaxValue
        : (int)Math.Min(int.MaxValue, Math.Ceiling(lockTimeout.TotalMilliseconds));

    /// <summary>
    /// Microsoft.Data.Sqlite's command timeout, in whole seconds (0: none): it steps a statement SQLite found busy again until
    /// that much time passed, so it must end with the busy timeout, not at its own default of 30 s.
    /// </summary>
    public static int CommandTimeoutSeconds(TimeSpan lockTimeout) => lockTimeout == Timeout.InfiniteTimeSpan
        ? 0
        : (int)Math.Min(int.MaxValue, Math.Ceiling(lockTimeout.TotalSeconds));

    public override string BigIntType => "INTEGER";

    public override string BlobType => "BLOB";

    // SQLite turns NaN into NULL, and Microsoft.Data.Sqlite refuses to bind it: such a value is refused before the save.
    public override bool RealHoldsNaN => false;

    public override string ListColumnsSql => "SELECT name FROM pragma_table_info(@table)";

    public override string ListStoreTablesSql =>
        "SELECT m.name FROM sqlite_schema m, pragma_table_info(m.name) c WHERE m.type = 'table' " +
        "AND c.name IN ('prefix', 'seqno', 'id', 'tag', 'data', 'version') GROUP BY m.name HAVING count(*) = 6 ORDER BY m.name";

    public override string ColumnType(StoreColumnKind kind) => kind switch
    {
        StoreColumnKind.Integer => "INTEGER",
        StoreColumnKind.Real => "REAL",
        _ => "TEXT", // timestamps as ISO-8601 text, which sorts and compares in time order
    };

    public override DbParameter CreateParameter(string name, DbType type) => new SqliteParameter(name, type switch
    {
        DbType.Int64 => SqliteType.Integer,
        DbType.Double => SqliteType.Real,
        DbType.Binary => SqliteType.Blob,
        _ => SqliteType.Text,
    });

    // Microsoft.Data.Sqlite binds a ReadOnlyMemory<byte> as a blob (SQLite copies it during the bind),
    // so the record is bound from the save's buffer without a copy into an array of its own.
    public override object BlobValue(ReadOnlyMemory<byte> bytes) => bytes;

    // typeof() and octet_length() read the value's type and length from the row's header: a forged text is never fetched.
    internal override string BoundedNumber(string column)
        => string.Create(CultureInfo.InvariantCulture, $"CASE WHEN typeof({column}) = 'integer' OR octet_length({column}) <= {SqlRowKey.MaxNumberBytes} THEN {column} END");

    internal override string UnreadNumberLength(string column)
        => string.Create(CultureInfo.InvariantCulture, $"CASE WHEN typeof({column}) <> 'integer' AND octet_length({column}) > {SqlRowKey.MaxNumberBytes} THEN octet_length({column}) END");

    // Microsoft.Data.Sqlite copies a blob into a managed array however it is read (GetBytes without a buffer
    // too: it caches the whole blob to answer with its length), so the record is read once, as its array.
    protected override RecordData CopyRecordBytes(DbDataReader reader, int ordinal, int length)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var bytes = reader.GetFieldValue<byte[]>(ordinal);
        return new RecordData(bytes, bytes.Length);
    }

    // A copy commits a batch after batch: at SQLite's default auto-checkpoint (1,000 pages, 4 MB) every
    // few batches end in a checkpoint with its fsyncs of the log and the database, which took more time
    // than the inserts on a busy disk. While a connection writes a batch of a copy, its commits checkpoint
    // every 16,384 pages (64 MB) instead: the log stays bounded, and what a commit guarantees is unchanged.
    public override string? BulkWriteBeginSql => "PRAGMA wal_autocheckpoint = 16384";

    public override string? BulkWriteEndSql => "PRAGMA wal_autocheckpoint = 1000";

    // WAL lets readers run while one connection writes, and with synchronous=NORMAL a commit does not
    // wait for fsync: a crash of the process loses nothing, a power loss may lose the last commits
    // (never corrupts the file). Durable=true makes every commit wait for the disk (FULL).
    public override async ValueTask InitializeConnectionAsync(DbConnection connection, bool async, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        try
        {
            // A read-only connection leaves the database's journal mode as it is: setting it writes the file.
            command.CommandText = readOnly
                ? $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};"
                : $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA journal_mode = WAL; PRAGMA synchronous = {(durable ? "FULL" : "NORMAL")};";
            await SqlAsync.ExecuteNonQueryAsync(command, async, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            command.Dispose();
        }
    }

    // SqliteConnection.BeginTransaction() is BEGIN IMMEDIATE: the write lock is taken at once, so two
    // processes changing the schema (or saving) one after the other never deadlock on an upgrade.
    public override ValueTask<DbTransaction> BeginSchemaTransactionAsync(DbConnection connection, string table, bool async, CancellationToken cancellationToken)
        => BeginWriteTransactionAsync(connection, async, cancellationToken);

    public override ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, bool async, CancellationToken cancellationToken)
        => ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
}
