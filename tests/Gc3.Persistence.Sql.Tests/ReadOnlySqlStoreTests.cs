using System.Reflection;
using Gc3.Persistence.Sql;

namespace Gc3.Persistence.Sql.Tests;

/// <summary>
/// A SQL store opened with <see cref="StoreOptions.ReadOnly"/> writes nothing: every write throws
/// <see cref="ReadOnlyStoreException"/> and leaves the rows as they were; opening creates or upgrades no table; and its
/// connections are read-only in the database itself, so a statement that writes fails even past the store's checks.
/// </summary>
public abstract class ReadOnlySqlStoreTests(ITestDatabase database) : SqlTableTests("ro", database)
{
    private static readonly StoreOptions ReadOnly = new() { ReadOnly = true };

    [Fact]
    public async Task Every_write_throws_ReadOnlyStoreException_and_changes_no_row_while_reads_work()
    {
        Id id;
        using (var writer = Open())
        {
            id = writer.Save(Samples.Job("kept"));
        }

        using var other = new Sqlite.SqliteStore(Path.Join(Path.GetTempPath(), $"gc3-ro-other-{Guid.NewGuid():N}.db"));
        other.Save(Samples.Job("elsewhere"));
        var before = Rows();

        using var store = Open(ReadOnly);
        var loaded = store.Load<Job>(id);
        Assert.Equal("kept", loaded.Name);
        Assert.Equal(2, store.List().Count);
        Assert.Equal([id], store.List<Job>());
        Assert.Equal([id], store.ListWhere("state", JobState.Submitted));
        Assert.True(await store.ReadIdCounterAsync() > id.SeqNo);
        Assert.NotEmpty(await store.ReadSchemasAsync());

        loaded.Name = "changed";
        var newOne = Samples.Job("new");
        foreach (var (name, write) in ReadOnlyWrites.Of(store, loaded, id, newOne, () => Samples.Job("new"), other).Append(("RefillColumns", store.RefillColumns)))
        {
            var e = Assert.Throws<ReadOnlyStoreException>(write);
            Assert.True(e.Message.Contains("opened read-only", StringComparison.Ordinal), $"{name}: {e.Message}");
        }

        Assert.Null(newOne.PersistentId);
        Assert.Equal(id, loaded.PersistentId);
        Assert.Equal(before, Rows());
        File.Delete(other.Path);
    }

    [Fact]
    public void A_missing_table_is_an_error_even_with_CreateIfMissing_and_nothing_is_created()
    {
        // The database is there (an SQLite file, made by a table of its own), the store's table is not.
        Execute($"CREATE TABLE \"{Table}_other\" (a INTEGER)");
        var e = Assert.Throws<StoreNotFoundException>(() => Open(new StoreOptions { ReadOnly = true, CreateIfMissing = true }));

        Assert.Contains("read-only", e.Message, StringComparison.Ordinal);
        Assert.Equal([$"{Table}_other"], TableNames());
        DropTable($"{Table}_other");
    }

    [Fact]
    public async Task An_older_table_is_read_as_it_is_without_adding_what_it_lacks()
    {
        // A store table from an older version (as Missing_declared_columns_are_added_and_other_columns_kept makes it): no
        // state column, no counter, fill or schema tables. Opened for writing it would get them; read-only it is read as it is.
        Id id;
        byte[] record;
        using (var source = new Sqlite.SqliteStore(Path.Join(Path.GetTempPath(), $"gc3-ro-source-{Guid.NewGuid():N}.db")))
        {
            id = source.Save(new Executable { Path = "/bin/old" });
            record = (await source.ReadRawRecordAsync(id))!.Data.ToArray();
            File.Delete(source.Path);
        }

        Execute(
            $"CREATE TABLE \"{Table}\" (prefix TEXT NOT NULL, seqno BIGINT NOT NULL, id TEXT NOT NULL, tag TEXT NOT NULL, data {BlobType} NOT NULL, " +
            $"version BIGINT NOT NULL, legacy TEXT, PRIMARY KEY (prefix, seqno))");
        Execute($"INSERT INTO \"{Table}\" (prefix, seqno, id, tag, data, version, legacy) VALUES ('{id.Prefix}', {id.SeqNo}, '{id}', 'test.executable', {BlobLiteral(record)}, 1, 'kept')");
        var tables = TableNames();
        var columns = ColumnNames();

        using (var store = Open(ReadOnly))
        {
            Assert.Equal([id], store.List());
            Assert.Equal("/bin/old", store.Load<Executable>(id).Path);
            Assert.Equal(id.SeqNo + 1, await store.ReadIdCounterAsync());
            Assert.Empty(await store.ReadSchemasAsync());
            Assert.Null(Assert.Single(await store.ListRecordInfoAsync().ToListAsync()).State);
        }

        Assert.Equal(tables, TableNames());
        Assert.Equal(columns, ColumnNames());
    }

    [Fact]
    public void Its_connections_are_read_only_in_the_database_so_a_write_past_the_store_fails_and_changes_nothing()
    {
        using (var writer = Open())
        {
            writer.Save(Samples.Job("kept"));
        }

        var before = Rows();
        using var store = Open(ReadOnly);

        // The connection the store itself would use, asked for a write no API of it makes: the database refuses it.
        var createConnection = typeof(SqlStore).GetMethod("CreateConnection", BindingFlags.Instance | BindingFlags.NonPublic)!;
        using var connection = (DbConnection)createConnection.Invoke(store, null)!;
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM \"{Table}\"";
        Assert.ThrowsAny<DbException>(() => command.ExecuteNonQuery());
        command.CommandText = $"CREATE TABLE \"{Table}_x\" (a INTEGER)";
        Assert.ThrowsAny<DbException>(() => command.ExecuteNonQuery());

        Assert.Equal(before, Rows());
    }

    /// <summary>The database's type of the data column.</summary>
    protected abstract string BlobType { get; }

    /// <summary>The bytes as a literal of <see cref="BlobType"/>.</summary>
    protected abstract string BlobLiteral(byte[] bytes);

    /// <summary>A query of the names (column <c>name</c>) of the database's tables.</summary>
    protected abstract string ListTablesSql { get; }

    /// <summary>A query of the names (column <c>name</c>) of the columns of <paramref name="table"/>.</summary>
    protected abstract string ListColumnsSql(string table);

    // Every row of the table and of its counter table, as text.
    private List<string> Rows()
    {
        var rows = new List<string>();
        using var connection = OpenRawConnection();
        foreach (var sql in new[] { $"SELECT id, tag, version, data FROM \"{Table}\" ORDER BY id", $"SELECT * FROM \"{Table}_ids\"" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) is byte[] b ? Convert.ToHexString(b) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }
        }

        return rows;
    }

    private List<string> TableNames() => Strings($"SELECT t.name FROM ({ListTablesSql}) t WHERE t.name LIKE '{Table}%' ORDER BY t.name");

    private List<string> ColumnNames() => Strings($"SELECT t.name FROM ({ListColumnsSql(Table)}) t ORDER BY t.name");

    private List<string> Strings(string sql)
    {
        using var connection = OpenRawConnection();
        return SqlLines.Of(connection, sql);
    }
}

/// <summary>On an SQLite file: its connections open it with <c>Mode=ReadOnly</c>.</summary>
public sealed class SqliteReadOnlyStoreTests() : ReadOnlySqlStoreTests(new SqliteTestDatabase("ro"))
{
    protected override string BlobType => "BLOB";

    protected override string BlobLiteral(byte[] bytes) => $"X'{Convert.ToHexString(bytes)}'";

    protected override string ListTablesSql => "SELECT name FROM sqlite_master WHERE type = 'table'";

    protected override string ListColumnsSql(string table) => $"SELECT name FROM pragma_table_info('{table}')";
}

/// <summary>On the test PostgreSQL server: its connections' transactions are read-only (<c>default_transaction_read_only</c>).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReadOnlyStoreTests(PostgresServer server) : ReadOnlySqlStoreTests(new PostgresTestDatabase(server))
{
    protected override string BlobType => "bytea";

    protected override string BlobLiteral(byte[] bytes) => $"'\\x{Convert.ToHexString(bytes)}'::bytea";

    protected override string ListTablesSql => "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema()";

    protected override string ListColumnsSql(string table) => $"SELECT column_name::text AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}'";
}
