using System.Data;
using System.Data.Common;
using Gc3.Persistence.Serialization;
using NpgsqlTypes;

namespace Gc3.Persistence.Postgres;

/// <summary>
/// PostgreSQL's side of the SQL store: <c>bytea</c> records, <c>timestamptz</c> timestamps, a
/// <c>"C"</c>-collated prefix (so the key sorts as <see cref="Id"/> does, whatever the database's
/// locale), and schema changes serialized across processes by a transaction-level advisory lock.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public override string TextType => "text";

    public override string PrefixType => "text COLLATE \"C\"";

    public override string BigIntType => "bigint";

    public override string BlobType => "bytea";

    // text refuses U+0000 ("invalid byte sequence for encoding UTF8: 0x00"): such a value is refused before the save.
    public override bool TextHoldsNul => false;

    public override string ListColumnsSql =>
        "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table";

    public override string ListStoreTablesSql =>
        "SELECT table_name::text FROM information_schema.columns WHERE table_schema = current_schema() " +
        "AND column_name IN ('prefix', 'seqno', 'id', 'tag', 'data', 'version') GROUP BY table_name HAVING count(*) = 6 ORDER BY 1";

    public override string ColumnType(StoreColumnKind kind) => kind switch
    {
        StoreColumnKind.Integer => "bigint",
        StoreColumnKind.Real => "double precision",
        StoreColumnKind.Timestamp => "timestamptz",
        _ => "text",
    };

    public override DbParameter CreateParameter(string name, DbType type) => new NpgsqlParameter
    {
        ParameterName = name,
        NpgsqlDbType = type switch
        {
            DbType.Int64 => NpgsqlDbType.Bigint,
            DbType.Double => NpgsqlDbType.Double,
            DbType.Binary => NpgsqlDbType.Bytea,
            DbType.DateTime => NpgsqlDbType.TimestampTz,
            _ => NpgsqlDbType.Text,
        },
    };

    // Npgsql sends a ReadOnlyMemory<byte> as bytea without copying it into an array first.
    public override object BlobValue(ReadOnlyMemory<byte> bytes) => bytes;

    public override string AddColumnSql(string quotedTable, string quotedColumn, string type)
        => $"ALTER TABLE {quotedTable} ADD COLUMN IF NOT EXISTS {quotedColumn} {type}";

    public override async ValueTask<DbTransaction> BeginSchemaTransactionAsync(DbConnection connection, string table, bool async, CancellationToken cancellationToken)
    {
        var transaction = await SqlAsync.BeginTransactionAsync(connection, async, cancellationToken).ConfigureAwait(false);
        try
        {
            // Concurrent CREATE TABLE IF NOT EXISTS can fail in PostgreSQL; one lock per table (and
            // schema) makes processes opening the same store take turns until this transaction ends.
            var command = connection.CreateCommand();
            try
            {
                command.Transaction = transaction;
                command.CommandText = "SELECT pg_advisory_xact_lock(@key)";
                command.Parameters.Add(new NpgsqlParameter<long>("@key", LockKey(table)));
                await SqlAsync.ExecuteNonQueryAsync(command, async, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                command.Dispose();
            }

            return transaction;
        }
        catch
        {
            await SqlAsync.DisposeAsync(transaction, async).ConfigureAwait(false);

            throw;
        }
    }

    // The same key in every process (string.GetHashCode is randomized).
    private static long LockKey(string table) => unchecked((long)StableHash.Of("gc3.persistence/" + table));
}
