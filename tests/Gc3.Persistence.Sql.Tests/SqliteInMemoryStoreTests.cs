using Gc3.Persistence.Sqlite;

namespace Gc3.Persistence.Sql.Tests;

/// <summary><c>sqlite:///:memory:</c>: a database in memory, shared by the store's connections and private to the store.</summary>
public sealed class SqliteInMemoryStoreTests
{
    private const string RootFile = "/:memory:";

    [Fact]
    public void The_memory_uri_opens_a_database_in_memory_not_a_file_at_the_root()
    {
        if (File.Exists(RootFile))
        {
            File.Delete(RootFile); // left by an earlier version, which made this file
        }

        Id id;
        using (var store = Assert.IsType<SqliteStore>(StoreFactory.Make("sqlite:///:memory:#table=jobs")))
        {
            id = store.Save(NewJob("in memory"));
            store.InvalidateCache();

            Assert.Equal("in memory", store.Load<Job>(id).Name);
            Assert.Equal(":memory:", store.Path);
            Assert.Equal("jobs", store.TableName);
        }

        Assert.False(File.Exists(RootFile));
        using var again = StoreFactory.Make("sqlite:///:memory:#table=jobs");
        Assert.Empty(again.List()); // the database went with its store
    }

    [Fact]
    public void Two_memory_stores_are_two_databases()
    {
        using var first = StoreFactory.Make("sqlite:///:memory:");
        using var second = StoreFactory.Make("sqlite:///:memory:");

        first.Save(NewJob("first"));

        Assert.Equal(2, first.List().Count); // the job and its executable
        Assert.Empty(second.List());
    }

    [Fact]
    public async Task Concurrent_operations_on_their_own_connections_share_the_database()
    {
        using var store = StoreFactory.Make("sqlite:///:memory:");
        var ids = store.SaveMany([.. Enumerable.Range(0, 20).Select(i => NewJob("c" + i))]);

        await ConcurrentUse.LoadAndSaveAsync(store, ids, threads: 8, rounds: 20, NewJob, saveAsync: true);

        Assert.Equal(2 * (20 + (8 * 20)), store.List().Count);
    }

    [Fact]
    public void The_memory_uri_without_its_third_slash_is_refused_with_the_form_to_write()
    {
        var error = Assert.Throws<ArgumentException>(() => StoreFactory.Make("sqlite://:memory:"));

        Assert.Contains("sqlite://:memory:", error.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite:///", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(RootFile));
    }

    private static Job NewJob(string name) => new() { Name = name, Executable = new Executable { Path = "/bin/" + name, Version = "1", Checksum = "c" } };
}
