using Gc3.Persistence.Sql.Tests.Model;

namespace Gc3.Persistence.Sql.Tests.Infrastructure;

/// <summary>
/// Tests that each work on a table of their own, named <c>PREFIX_</c> and a random suffix, in a SQL store (SQLite
/// or a real PostgreSQL server): the stores a test opens are disposed and its table dropped after it.
/// </summary>
public abstract class SqlTableTests(string prefix, ITestDatabase database) : IDisposable
{
    private readonly List<IStore> _opened = [];

    /// <summary>This test's table.</summary>
    protected string Table { get; } = prefix + "_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The database this test's tables are in.</summary>
    protected ITestDatabase Database { get; } = database;

    /// <inheritdoc/>
    public virtual void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        DropTable(Table);
        Database.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The store URI of <paramref name="table"/> (with <c>#table=</c>), or of the default table when null.</summary>
    protected string UriFor(string? table) => table is null ? Database.StoreUri : $"{Database.StoreUri}#table={table}";

    /// <summary>Opens a plain connection to the test's database.</summary>
    protected DbConnection OpenRawConnection() => Database.OpenConnection();

    /// <summary>Drops <paramref name="table"/> and the tables beside it, when they exist.</summary>
    protected void DropTable(string table) => Database.DropStore(table);

    /// <summary>Opens this test's table; the store is disposed after the test.</summary>
    protected SqlStore Open(StoreOptions? options = null) => Track((SqlStore)StoreFactory.Make(UriFor(Table), options));

    /// <summary>Opens the store's default table, <c>store</c>; the store is disposed after the test.</summary>
    protected SqlStore OpenDefaultTable(StoreOptions? options = null) => Track((SqlStore)StoreFactory.Make(UriFor(null), options));

    /// <summary>Runs <paramref name="sql"/> on a plain connection.</summary>
    protected void Execute(string sql)
    {
        using var connection = OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The first value <paramref name="sql"/> selects on a plain connection (null for SQL NULL).</summary>
    protected object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        var result = command.ExecuteScalar();
        return result is DBNull ? null : result;
    }

    /// <summary>
    /// Saves jobs named kept0, kept1, ... in this test's table and closes the store again: the rows a test then forges
    /// the ID counter under.
    /// </summary>
    protected Id[] SaveKeptJobs(int count)
    {
        using var store = Open();
        return [.. store.SaveMany([.. Enumerable.Range(0, count).Select(i => new Job { Name = "kept" + i })])];
    }

    /// <summary>
    /// Saves a job in this test's table, sets the <c>version</c> of its row to the SQL value <paramref name="version"/>, and
    /// opens the table again (the store that saved it stays open until the test ends).
    /// </summary>
    protected (SqlStore Reopened, Id Id) SaveJobWithForgedVersion(string version)
    {
        var id = Open().Save(new Job { Name = "forged version" });
        Execute($"UPDATE \"{Table}\" SET version = {version}");
        return (Open(), id);
    }

    /// <summary>
    /// Saves <paramref name="jobs"/> jobs and then a <see cref="Sample"/> in <paramref name="store"/>, forges rows with the
    /// statement <paramref name="forge"/> writes for the jobs' IDs, and lists the store's records. The listing reads pages
    /// after the key of the last row; it fails as soon as it gives more than <paramref name="atMost"/> IDs, as one that
    /// went back to its start would never end.
    /// </summary>
    protected async Task<(IReadOnlyList<Id> Jobs, Id Last, List<Id> Listed)> ListAfterForgingAsync(SqlStore store, int jobs, Func<IReadOnlyList<Id>, string> forge, int atMost)
    {
        var ids = store.SaveMany([.. Enumerable.Range(0, jobs).Select(i => new Job { Name = "p" + i })]);
        var last = store.Save(new Sample());
        Execute(forge(ids));

        var listed = new List<Id>();
        await foreach (var info in store.ListRecordInfoAsync())
        {
            listed.Add(info.Id);
            Assert.True(listed.Count <= atMost, "the listing went back to its start");
        }

        return (ids, last, listed);
    }

    private SqlStore Track(SqlStore store)
    {
        _opened.Add(store);
        return store;
    }
}
