using System.Buffers;

namespace Gc3.Persistence.Sql;

/// <summary>
/// What differs between the databases a <see cref="SqlStore"/> runs on: column types, typed
/// parameters, how the table's columns are listed, and how schema changes by several processes
/// are kept apart. The statements themselves (upserts with <c>ON CONFLICT</c> and <c>RETURNING</c>)
/// are shared: SQLite 3.35 and PostgreSQL 9.5 both understand them.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>The type of the text columns (<c>id</c>, <c>tag</c>, <c>state</c>).</summary>
    public virtual string TextType => "TEXT";

    /// <summary>The type of the <c>prefix</c> column, which must sort by code point (ordinal), as <see cref="Id"/> does.</summary>
    public virtual string PrefixType => TextType;

    /// <summary>The type of the 64-bit integer columns (<c>seqno</c>, <c>version</c>).</summary>
    public virtual string BigIntType => "BIGINT";

    /// <summary>The type of the <c>data</c> column, which holds the record bytes.</summary>
    public abstract string BlobType { get; }

    /// <summary>The type of a column declared with <paramref name="kind"/>.</summary>
    public abstract string ColumnType(StoreColumnKind kind);

    /// <summary>Whether a text column holds the character U+0000 (PostgreSQL's <c>text</c> refuses it).</summary>
    public virtual bool TextHoldsNul => true;

    /// <summary>Whether a real column holds NaN (SQLite stores no NaN).</summary>
    public virtual bool RealHoldsNaN => true;

    /// <summary>Quotes an identifier that <see cref="SqlNames"/> has already checked.</summary>
    public virtual string Quote(string identifier) => $"\"{identifier}\"";

    /// <summary>Creates a parameter bound as <paramref name="type"/> (one of String, Int64, Double, DateTime, Binary).</summary>
    public abstract DbParameter CreateParameter(string name, DbType type);

    /// <summary>The value bound to the <c>data</c> parameter for <paramref name="bytes"/>; by default a copy as an array.</summary>
    public virtual object BlobValue(ReadOnlyMemory<byte> bytes) => bytes.ToArray();

    /// <summary>
    /// The two columns a statement selects to read a row's record: its bytes, NULL when they are longer than
    /// <paramref name="maxLength"/>, then their length. A record over the limit (a damaged or hostile row) is
    /// never fetched: the database answers <c>octet_length()</c> of a blob from the row's header. Bytes, not
    /// <c>length()</c>: SQLite's loosely typed column may hold a forged text value, whose <c>length()</c> counts
    /// characters (up to 4 bytes each).
    /// </summary>
    public static string RecordColumns(int maxLength) => BoundedColumns("data", maxLength);

    /// <summary>
    /// The two columns that read <paramref name="column"/> only when it is at most <paramref name="maxLength"/> bytes
    /// long: its value (NULL when longer), then its length in bytes (see <see cref="RecordColumns"/>).
    /// </summary>
    internal static string BoundedColumns(string column, int maxLength)
        => string.Create(CultureInfo.InvariantCulture, $"CASE WHEN octet_length({column}) <= {maxLength} THEN {column} END, CAST(octet_length({column}) AS BIGINT)");

    /// <summary>
    /// The column that reads the whole number in <paramref name="column"/> (<c>seqno</c>, <c>version</c>): the column
    /// itself where its type holds numbers only; SQLite's loosely typed column may hold a forged text of any length, which
    /// it reads only when short enough to be a number's digits (see <see cref="SqlRowKey.MaxNumberBytes"/>), NULL otherwise.
    /// </summary>
    internal virtual string BoundedNumber(string column) => column;

    /// <summary>The length in bytes of a value <see cref="BoundedNumber"/> did not read (NULL when it read it, or reads every value).</summary>
    internal virtual string UnreadNumberLength(string column) => "CAST(NULL AS BIGINT)";

    /// <summary>The length of a row's <c>data</c> in bytes, whatever SQLite's loosely typed column holds (text too).</summary>
    public static string DataLength => "octet_length(data)";

    /// <summary>
    /// The record bytes in column <paramref name="ordinal"/> of the reader's current row, with their length in the
    /// next column (as <see cref="RecordColumns"/> selects them), or <see langword="null"/> when they are longer than
    /// <paramref name="maxLength"/> or NULL; <paramref name="length"/> is their length either way, -1 for NULL (a
    /// table whose <c>data</c> column was made to allow it). A record within the limit is read by <see cref="CopyRecordBytes"/>.
    /// </summary>
    public RecordData? ReadRecordBytes(DbDataReader reader, int ordinal, int maxLength, out long length)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.IsDBNull(ordinal + 1))
        {
            length = -1;
            return null;
        }

        length = reader.GetInt64(ordinal + 1);
        return length > maxLength || reader.IsDBNull(ordinal) ? null : CopyRecordBytes(reader, ordinal, (int)length);
    }

    /// <summary>
    /// Copies the <paramref name="length"/> record bytes in column <paramref name="ordinal"/> of the reader's current
    /// row, already checked against the store's limit; by default into an array from <see cref="ArrayPool{T}.Shared"/>.
    /// </summary>
    protected virtual RecordData CopyRecordBytes(DbDataReader reader, int ordinal, int length)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var read = reader.GetBytes(ordinal, 0, buffer, 0, length);
            return new RecordData(buffer, (int)read, Pooled: true);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>A query with one parameter, <c>@table</c>, that lists the names of the table's columns (no rows when there is no such table).</summary>
    public abstract string ListColumnsSql { get; }

    /// <summary>
    /// A query without parameters that lists, in name order, the tables of the database that have every column of a store
    /// table (<c>prefix</c>, <c>seqno</c>, <c>id</c>, <c>tag</c>, <c>data</c>, <c>version</c>), so that a store that finds no
    /// table of its name can say which ones there are; <see langword="null"/> when the dialect cannot list them.
    /// </summary>
    public virtual string? ListStoreTablesSql => null;

    /// <summary>The statement that adds one column to an existing table.</summary>
    public virtual string AddColumnSql(string quotedTable, string quotedColumn, string type) => $"ALTER TABLE {quotedTable} ADD COLUMN {quotedColumn} {type}";

    /// <summary>Prepares a new connection (pragmas, session settings) before the store uses it.</summary>
    public virtual ValueTask InitializeConnectionAsync(DbConnection connection, bool async, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Begins the transaction in which a store creates or changes its tables, and keeps other
    /// processes from doing the same for <paramref name="table"/> until it ends.
    /// </summary>
    public abstract ValueTask<DbTransaction> BeginSchemaTransactionAsync(DbConnection connection, string table, bool async, CancellationToken cancellationToken);

    /// <summary>
    /// A statement run on a connection before it writes a batch of raw records (a store-to-store copy,
    /// which commits batch after batch), or <see langword="null"/>; <see cref="BulkWriteEndSql"/> undoes it.
    /// </summary>
    public virtual string? BulkWriteBeginSql => null;

    /// <summary>The statement that undoes <see cref="BulkWriteBeginSql"/> once the batch is written, or <see langword="null"/>.</summary>
    public virtual string? BulkWriteEndSql => null;

    /// <summary>Begins the transaction of a multi-record save, which takes the write lock at once where the database has one.</summary>
    public virtual ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, bool async, CancellationToken cancellationToken)
        => SqlAsync.BeginTransactionAsync(connection, async, cancellationToken);
}
