using System.Text;
using Gc3.Persistence.Records;

namespace Gc3.Persistence.Sql;

/// <summary>
/// The shape of one store table as this process knows it (the fixed columns, then <c>state</c>,
/// extra fields and declared columns), and every statement text built from it. Immutable: when a
/// newly seen type declares a column, the store builds a new layout and its connections prepare
/// their statements again.
/// </summary>
/// <remarks>
/// Records are keyed by <c>(prefix, seqno)</c>, the order of <see cref="Id"/>, so the primary key
/// gives <c>List</c> its order without a sort; <c>id</c> holds the same ID as text for people
/// reading the table with plain SQL.
/// </remarks>
internal sealed class SqlTableLayout
{
    /// <summary>Parameters every write binds first, in this order; the value columns follow.</summary>
    public const int FixedWriteParameters = 5;

    private readonly ConcurrentDictionary<PersistableSerializer, int[]?> _serializerMaps = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, SqlColumn> _byName;
    private readonly SqlStatement[] _statements;

    public SqlTableLayout(SqlDialect dialect, string table, IReadOnlyList<SqlColumn> valueColumns, int maxRecordBytes)
    {
        Dialect = dialect;
        Table = table;
        MaxRecordBytes = maxRecordBytes;
        QuotedTable = dialect.Quote(table);
        CounterTable = table + "_ids";
        QuotedCounterTable = dialect.Quote(CounterTable);
        QuotedFillTable = dialect.Quote(table + "_fill");
        ValueColumns = valueColumns;
        _byName = valueColumns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        _statements = BuildStatements();
    }

    public SqlDialect Dialect { get; }

    /// <summary>The longest record the statements fetch (<see cref="StoreOptions.MaxRecordBytes"/>): a longer one reads as its length alone.</summary>
    public int MaxRecordBytes { get; }

    /// <summary>The columns that read a row's record: see <see cref="SqlDialect.RecordColumns"/>.</summary>
    public string RecordColumns => SqlDialect.RecordColumns(MaxRecordBytes);

    /// <summary>
    /// The four columns a listing selects for a row's key (see <see cref="SqlRowKey"/>): <c>prefix</c> and <c>seqno</c>,
    /// each NULL when longer than any ID's, then the lengths in bytes of those not read. The database answers a length
    /// from the row's header: a forged key of any length is never fetched.
    /// </summary>
    public string KeyColumns => string.Create(
        CultureInfo.InvariantCulture,
        $"CASE WHEN octet_length(prefix) <= {SqlRowKey.MaxPrefixBytes} THEN prefix END, {Dialect.BoundedNumber("seqno")}, " +
        $"CASE WHEN octet_length(prefix) > {SqlRowKey.MaxPrefixBytes} THEN CAST(octet_length(prefix) AS BIGINT) END, {Dialect.UnreadNumberLength("seqno")}");

    public string Table { get; }

    public string QuotedTable { get; }

    public string CounterTable { get; }

    public string QuotedCounterTable { get; }

    /// <summary>The type tags whose existing rows still need columns filled (a column was added after they were written).</summary>
    public string QuotedFillTable { get; }

    /// <summary><c>state</c> first, then extra fields, then declared columns in the order they were first seen.</summary>
    public IReadOnlyList<SqlColumn> ValueColumns { get; }

    /// <summary>The columns <see cref="SqlStore.ListWhere"/> accepts.</summary>
    public IEnumerable<string> QueryableColumns => ["tag", "prefix", .. ValueColumns.Select(c => c.Name)];

    public SqlStatement this[SqlStatementKind kind] => _statements[(int)kind];

    public SqlColumn? FindValueColumn(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// For each column <paramref name="serializer"/> declares, the index of the value column it fills;
    /// <see langword="null"/> when this layout lacks one of them (the store must add it first).
    /// </summary>
    public int[]? MapOf(PersistableSerializer serializer)
    {
        if (_serializerMaps.TryGetValue(serializer, out var map))
        {
            return map;
        }

        var columns = serializer.Columns;
        map = new int[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var index = IndexOf(columns[i].Name);
            if (index < 0)
            {
                return null; // not cached: the next layout will know the column
            }

            map[i] = index;
        }

        return _serializerMaps.GetOrAdd(serializer, map);
    }

    /// <summary>A layout that also has the columns <paramref name="serializers"/> declare; throws when they contradict the known ones.</summary>
    public SqlTableLayout With(IEnumerable<PersistableSerializer> serializers)
    {
        var columns = ValueColumns.ToList();
        AddDeclaredColumns(Dialect, columns, serializers);
        return columns.Count == ValueColumns.Count ? this : new SqlTableLayout(Dialect, Table, columns, MaxRecordBytes);
    }

    /// <summary>The value columns a store starts with: <c>state</c>, the extra fields, and every column the registered types declare.</summary>
    public static List<SqlColumn> InitialColumns(SqlDialect dialect, IReadOnlyList<SqlExtraField> extraFields, IEnumerable<PersistableSerializer> serializers)
    {
        var columns = new List<SqlColumn> { new(SqlColumn.StateName, StoreColumnKind.Text, dialect.TextType, null) };
        foreach (var field in extraFields)
        {
            ArgumentNullException.ThrowIfNull(field, nameof(SqlStoreOptions.ExtraFields));
            if (columns.Any(c => string.Equals(c.Name, field.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException(
                    $"The extra field '{field.Name}' is given twice, or takes the name of the built-in column 'state'.",
                    nameof(SqlStoreOptions.ExtraFields));
            }

            columns.Add(new SqlColumn(field.Name, field.Kind, field.SqlType ?? dialect.ColumnType(field.Kind), field));
        }

        // Sorted by type name, so every process of an application creates the columns in one order.
        AddDeclaredColumns(dialect, columns, serializers.OrderBy(s => s.Type.FullName, StringComparer.Ordinal));
        return columns;
    }

    /// <summary>The statement that creates the table with the fixed columns and the value columns.</summary>
    public string CreateTableSql()
    {
        var dialect = Dialect;
        var sql = new StringBuilder();
        sql.Append(CultureInfo.InvariantCulture, $"CREATE TABLE IF NOT EXISTS {QuotedTable} (");
        sql.Append(CultureInfo.InvariantCulture, $"prefix {dialect.PrefixType} NOT NULL, seqno {dialect.BigIntType} NOT NULL, id {dialect.TextType} NOT NULL, ");
        sql.Append(CultureInfo.InvariantCulture, $"tag {dialect.TextType} NOT NULL, data {dialect.BlobType} NOT NULL, version {dialect.BigIntType} NOT NULL");
        foreach (var column in ValueColumns)
        {
            sql.Append(CultureInfo.InvariantCulture, $", {dialect.Quote(column.Name)} {column.SqlType}");
        }

        // A rowid table, not WITHOUT ROWID in SQLite: that layout suits small rows, and records are
        // hundreds of bytes; the rowid table made SaveMany 35% faster in the jobs-v1 benchmark.
        sql.Append(", PRIMARY KEY (prefix, seqno))");
        return sql.ToString();
    }

    public string CreateFillTableSql() => $"CREATE TABLE IF NOT EXISTS {QuotedFillTable} (tag {Dialect.TextType} PRIMARY KEY)";

    /// <summary>Marks the rows of one tag (<c>@tag</c>) as needing their columns filled.</summary>
    public SqlStatement MarkTagToFillStatement()
        => new($"INSERT INTO {QuotedFillTable} (tag) SELECT @tag WHERE NOT EXISTS (SELECT 1 FROM {QuotedFillTable} WHERE tag = @tag)", [("@tag", DbType.String)]);

    /// <summary>
    /// Marks the rows of every tag the table holds (an extra field, which every type has, was added; a refill). NOT EXISTS,
    /// not NOT IN: a NULL forged into the fill table would make NOT IN false for every tag. A tag longer than any type's
    /// (forged) is never read back, so it is not copied.
    /// </summary>
    public string MarkAllTagsToFillSql() => string.Create(
        CultureInfo.InvariantCulture,
        $"INSERT INTO {QuotedFillTable} (tag) SELECT DISTINCT t.tag FROM {QuotedTable} t WHERE octet_length(t.tag) <= {RecordFormat.MaxTagBytes} " +
        $"AND NOT EXISTS (SELECT 1 FROM {QuotedFillTable} f WHERE f.tag = t.tag)");

    // SQLite lets a text primary key hold NULL: such a forged row names no type, nor does one longer than any type tag (never fetched).
    public string ListTagsToFillSql()
        => string.Create(CultureInfo.InvariantCulture, $"SELECT tag FROM {QuotedFillTable} WHERE tag IS NOT NULL AND octet_length(tag) <= {RecordFormat.MaxTagBytes} ORDER BY tag");

    /// <summary>Unmarks the rows of one tag (<c>@tag</c>) once their columns are filled.</summary>
    public SqlStatement UnmarkTagToFillStatement() => new($"DELETE FROM {QuotedFillTable} WHERE tag = @tag", [("@tag", DbType.String)]);

    /// <summary>
    /// Sets every value column of one row (<c>@v0</c>...), keys <c>@prefix</c>, <c>@seqno</c>, only while the
    /// row is still at <c>@version</c>: a row saved meanwhile got its columns from that save. The version stays.
    /// </summary>
    public SqlStatement FillColumnsStatement()
    {
        var assignments = string.Join(", ", ValueColumns.Select((c, i) => $"{Dialect.Quote(c.Name)} = @v{i}"));
        return new(
            $"UPDATE {QuotedTable} SET {assignments} WHERE prefix = @prefix AND seqno = @seqno AND version = @version",
            [.. ValueColumns.Select((c, i) => ($"@v{i}", DbTypeOf(c.Kind))), ("@prefix", DbType.String), ("@seqno", DbType.Int64), ("@version", DbType.Int64)]);
    }

    /// <summary>The statement that creates the index of the type tag, for listing one type (<c>List&lt;T&gt;</c>) without reading records.</summary>
    public string CreateTagIndexSql()
        => $"CREATE INDEX IF NOT EXISTS {Dialect.Quote(IndexName("tag"))} ON {QuotedTable} (tag, prefix, seqno)";

    /// <summary>The statement that creates the index of one value column (it holds the key too, so a query by value comes back in ID order without a sort).</summary>
    public string CreateIndexSql(SqlColumn column)
        => $"CREATE INDEX IF NOT EXISTS {Dialect.Quote(IndexName(column.Name))} ON {QuotedTable} ({Dialect.Quote(column.Name)}, prefix, seqno)";

    public string CreateCounterTableSql()
        => $"CREATE TABLE IF NOT EXISTS {QuotedCounterTable} (one INTEGER PRIMARY KEY CHECK (one = 1), next_seqno {Dialect.BigIntType} NOT NULL)";

    /// <summary>Starts the counter after the highest number in the table, so an old or hand-filled table never gets an ID twice.</summary>
    public string InitializeCounterSql()
        => $"INSERT INTO {QuotedCounterTable} (one, next_seqno) SELECT 1, ({NextAfterHighestSql()}) " +
           $"WHERE NOT EXISTS (SELECT 1 FROM {QuotedCounterTable})";

    /// <summary>
    /// Whether the counter row holds an ID number: a whole number, at least 1. A row edited by hand or forged may hold 0,
    /// a negative number, or in SQLite's loosely typed column text, a real number or NULL.
    /// </summary>
    public string ValidCounter => $"next_seqno >= 1 AND next_seqno = CAST(next_seqno AS {Dialect.BigIntType})";

    /// <summary>Starts a counter that holds no ID number again after the highest number in the table (unless another process did).</summary>
    public string RestartCounterSql() => $"UPDATE {QuotedCounterTable} SET next_seqno = ({NextAfterHighestSql()}) WHERE NOT COALESCE({ValidCounter}, FALSE)";

    /// <summary>
    /// A query of the number after the highest ID number in the table (1 when it has none), at most <see cref="IRecordStore.NoIdLeft"/>, which a
    /// counter holds when it can give no more IDs: a row under the largest number (forged, or copied from a store that held
    /// one) made the sum overflow (PostgreSQL's "bigint out of range" failed opening the store; SQLite's real number, reading it).
    /// </summary>
    public string NextAfterHighestSql()
        => $"SELECT CASE WHEN highest < {IRecordStore.NoIdLeft} THEN highest + 1 ELSE highest END FROM ({HighestSeqNoSql()}) AS highest_seqno";

    /// <summary>
    /// A query of the highest ID number in the table, 0 when it has none. Only whole numbers count, compared as numbers:
    /// SQLite's loosely typed column may hold text or a real number in a forged row (text sorts above every number), and
    /// a column declared TEXT in a table made by hand holds every number as its digits ('9' sorts above '10').
    /// </summary>
    public string HighestSeqNoSql()
        => $"SELECT COALESCE(MAX(CAST(seqno AS {Dialect.BigIntType})), 0) AS highest FROM {QuotedTable} WHERE seqno = CAST(seqno AS {Dialect.BigIntType})";

    public string ListWhereSql(SqlColumn? column, string columnName, bool isNull)
    {
        var quoted = Dialect.Quote(column?.Name ?? columnName);
        var condition = isNull ? $"{quoted} IS NULL" : $"{quoted} = @value";
        return $"SELECT {KeyColumns} FROM {QuotedTable} WHERE {condition} ORDER BY prefix, seqno";
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < ValueColumns.Count; i++)
        {
            if (string.Equals(ValueColumns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    // PostgreSQL index names are schema-wide and at most 63 bytes: long ones end in a hash instead.
    private string IndexName(string column)
    {
        var name = $"{Table}_{column}_idx";
        if (name.Length <= SqlNames.MaxColumnNameLength)
        {
            return name;
        }

        var hash = StableHash.Of($"{Table}\0{column}");
        return string.Create(CultureInfo.InvariantCulture, $"{Table[..Math.Min(Table.Length, 40)]}_{hash:x16}_idx");
    }

    private static void AddDeclaredColumns(SqlDialect dialect, List<SqlColumn> columns, IEnumerable<PersistableSerializer> serializers)
    {
        foreach (var serializer in serializers)
        {
            foreach (var declared in serializer.Columns)
            {
                var existing = columns.Find(c => string.Equals(c.Name, declared.Name, StringComparison.OrdinalIgnoreCase));
                if (existing is null)
                {
                    SqlNames.ValidateColumn(declared.Name, nameof(StoreColumnAttribute));
                    columns.Add(new SqlColumn(declared.Name, declared.Kind, dialect.ColumnType(declared.Kind), null));
                }
                else if (existing.Extra is not null)
                {
                    throw new InvalidOperationException(
                        $"{serializer.Type.FullName}.{declared.MemberName} declares the store column '{declared.Name}', which is also an extra field of the store; rename one of them.");
                }
                else if (existing.Kind != declared.Kind && !existing.IsState)
                {
                    throw new InvalidOperationException(
                        $"{serializer.Type.FullName}.{declared.MemberName} declares the store column '{declared.Name}' as {declared.Kind}, but another type declares it as {existing.Kind}; give them one kind or different names.");
                }
            }
        }
    }

    private SqlStatement[] BuildStatements()
    {
        var table = QuotedTable;
        var key = "prefix = @prefix AND seqno = @seqno";
        (string, DbType)[] keyParameters = [("@prefix", DbType.String), ("@seqno", DbType.Int64)];
        var valueNames = ValueColumns.Select(c => Dialect.Quote(c.Name)).ToArray();
        var valueParameters = ValueColumns.Select((c, i) => ($"@v{i}", DbTypeOf(c.Kind))).ToArray();
        (string, DbType)[] writeParameters =
        [
            ("@prefix", DbType.String), ("@seqno", DbType.Int64), ("@id", DbType.String), ("@tag", DbType.String), ("@data", DbType.Binary),
            .. valueParameters,
        ];

        var insertColumns = string.Join(", ", ["prefix", "seqno", "id", "tag", "data", "version", .. valueNames]);
        var insertValues = string.Join(", ", ["@prefix", "@seqno", "@id", "@tag", "@data", "1", .. valueParameters.Select(p => p.Item1)]);
        var insert = $"INSERT INTO {table} ({insertColumns}) VALUES ({insertValues}) ON CONFLICT (prefix, seqno)";
        var setExcluded = string.Join(", ", ["id = excluded.id", "tag = excluded.tag", "data = excluded.data", $"version = {table}.version + 1", .. valueNames.Select(n => $"{n} = excluded.{n}")]);
        var setParameters = string.Join(", ", ["id = @id", "tag = @tag", "data = @data", "version = version + 1", .. valueNames.Select((n, i) => $"{n} = @v{i}")]);

        var statements = new SqlStatement[Enum.GetValues<SqlStatementKind>().Length];
        // InsertNew and UpdateVersion report by their row count (0 when the ID is taken or the
        // version moved on); only the upsert, whose resulting version the store cannot know, returns it.
        statements[(int)SqlStatementKind.InsertNew] = new($"{insert} DO NOTHING", writeParameters);
        statements[(int)SqlStatementKind.Upsert] = new($"{insert} DO UPDATE SET {setExcluded} RETURNING version", writeParameters);
        statements[(int)SqlStatementKind.UpdateVersion] = new(
            $"UPDATE {table} SET {setParameters} WHERE {key} AND version = @expected",
            [.. writeParameters, ("@expected", DbType.Int64)]);
        statements[(int)SqlStatementKind.ReadVersion] = new($"SELECT version FROM {table} WHERE {key}", keyParameters);
        // The version as stored (for a message; a forged text only when short, else its length last), then as a whole number
        // (NULL when it is none: a forged row), so that the reader checks it with IsDBNull: asking a SQLite reader a column's
        // type makes it allocate a type cache per row read.
        statements[(int)SqlStatementKind.Read] = new(
            $"SELECT {RecordColumns}, {Dialect.BoundedNumber("version")}, CASE WHEN version = CAST(version AS {Dialect.BigIntType}) THEN CAST(version AS {Dialect.BigIntType}) END, " +
            $"{Dialect.UnreadNumberLength("version")} FROM {table} WHERE {key}",
            keyParameters);
        statements[(int)SqlStatementKind.Delete] = new($"DELETE FROM {table} WHERE {key}", keyParameters);
        statements[(int)SqlStatementKind.List] = new($"SELECT {KeyColumns} FROM {table} ORDER BY prefix, seqno", []);
        // Both change only a counter that holds an ID number (see ValidCounter), and a reservation never passes
        // NoIdLeft - 1: SQLite would turn the sum into a real number, PostgreSQL refuse it. No row comes back otherwise.
        statements[(int)SqlStatementKind.Reserve] = new(
            $"UPDATE {QuotedCounterTable} SET next_seqno = next_seqno + @count WHERE {ValidCounter} AND next_seqno <= {IRecordStore.NoIdLeft} - @count RETURNING next_seqno - @count",
            [("@count", DbType.Int64)]);
        statements[(int)SqlStatementKind.MovePast] = new(
            $"UPDATE {QuotedCounterTable} SET next_seqno = CASE WHEN next_seqno > @seqno THEN next_seqno ELSE @seqno + 1 END WHERE {ValidCounter} RETURNING next_seqno",
            [("@seqno", DbType.Int64)]);
        return statements;
    }

    public static DbType DbTypeOf(StoreColumnKind kind) => kind switch
    {
        StoreColumnKind.Text => DbType.String,
        StoreColumnKind.Integer => DbType.Int64,
        StoreColumnKind.Real => DbType.Double,
        StoreColumnKind.Timestamp => DbType.DateTime,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a StoreColumnKind."),
    };
}
