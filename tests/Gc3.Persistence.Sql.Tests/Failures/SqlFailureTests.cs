using Gc3.Persistence.Sql;

namespace Gc3.Persistence.Sql.Tests.Failures;

/// <summary>
/// A database error (here: the store's table dropped underneath it) never reaches the caller as a raw
/// <c>SqliteException</c> or <c>NpgsqlException</c>: each operation throws a <see cref="StoreException"/>
/// (a <see cref="LoadException"/> for a load) naming what failed, the store and the IDs, with the
/// provider's exception inside. Run on SQLite and on a real PostgreSQL server.
/// </summary>
public abstract class SqlFailureTests(ITestDatabase database) : SqlTableTests("f", database)
{
    /// <summary>A store URI whose database cannot be opened.</summary>
    protected abstract string UnopenableUri { get; }

    [Fact]
    public void Opening_a_database_that_cannot_be_opened_names_the_store()
    {
        var e = Assert.ThrowsAny<Exception>(() => StoreFactory.Make(UnopenableUri).Dispose());
        AssertWrapped(e, "Opening the store");
    }

    [Fact]
    public void Every_operation_on_a_broken_table_says_what_failed_with_the_database_error_inside()
    {
        var store = Open();
        var saved = new Job { Name = "saved", Cores = 1 };
        var id = store.Save(saved);
        var reader = Open(); // nothing loaded: its loads read the table
        Execute($"DROP TABLE \"{Table}\"");

        saved.Cores = 2;
        var save = AssertWrapped(Assert.ThrowsAny<Exception>(() => store.Save(saved)), $"Saving '{id}'");
        Assert.IsType<StoreException>(save);
        var saveNew = AssertWrapped(Assert.ThrowsAny<Exception>(() => store.Save(new Job { Name = "new" })), "Saving '");
        Assert.IsType<StoreException>(saveNew);
        var many = AssertWrapped(Assert.ThrowsAny<Exception>(() => store.SaveMany([new Job { Name = "m1" }, new Job { Name = "m2" }])), "Saving 2 records (");
        Assert.IsType<StoreException>(many);

        var load = Assert.IsType<LoadException>(Assert.ThrowsAny<Exception>(() => reader.Load(id)));
        Assert.Equal(id, load.Id);
        AssertWrapped(load, $"'{id}'");

        AssertWrapped(Assert.ThrowsAny<Exception>(() => store.Remove(id)), $"Removing '{id}'");
        AssertWrapped(Assert.ThrowsAny<Exception>(() => store.RemoveMany([id, new Id("test.job", 99)])), "Removing 2 records (");
        AssertWrapped(Assert.ThrowsAny<Exception>(() => store.List()), "Listing the records");
        AssertWrapped(Assert.ThrowsAny<Exception>(() => store.List<Job>()), "Listing the records tagged test.job");
        AssertWrapped(Assert.ThrowsAny<Exception>(() => store.Count()), "Counting the records");
        AssertWrapped(Assert.ThrowsAny<Exception>(() => ((SqlStore)store).ListWhere("state", JobState.New)), "Listing the records");

        using var tx = store.BeginTransaction();
        tx.Save(new Job { Name = "in tx" });
        tx.Remove(id);
        AssertWrapped(Assert.ThrowsAny<Exception>(tx.Commit), "Committing a transaction");
    }

    [Fact]
    public async Task Async_operations_wrap_the_database_error_too()
    {
        var store = Open();
        var id = await store.SaveAsync(new Job { Name = "saved" });
        var reader = Open();
        Execute($"DROP TABLE \"{Table}\"");

        AssertWrapped(await Assert.ThrowsAnyAsync<Exception>(() => store.SaveAsync(new Job { Name = "new" })), "Saving '");
        Assert.IsType<LoadException>(AssertWrapped(await Assert.ThrowsAnyAsync<Exception>(() => reader.LoadAsync(id)), $"'{id}'"));
        AssertWrapped(await Assert.ThrowsAnyAsync<Exception>(() => store.RemoveAsync(id)), $"Removing '{id}'");
        AssertWrapped(await Assert.ThrowsAnyAsync<Exception>(() => store.CountAsync()), "Counting the records");
    }

    [Fact]
    public void A_broken_id_counter_says_so()
    {
        var store = Open(); // no ID reserved yet
        Execute($"DROP TABLE \"{Table}_ids\"");
        var e = AssertWrapped(Assert.ThrowsAny<Exception>(() => store.Save(new Job { Name = "needs an ID" })), $"Reserving new IDs in the counter table");
        Assert.Contains($"{Table}_ids", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A <see cref="StoreException"/> whose message starts by saying what failed and names the store, with the database's exception inside.</summary>
    protected Exception AssertWrapped(Exception e, string what)
    {
        Assert.IsAssignableFrom<StoreException>(e);
        Assert.IsAssignableFrom<DbException>(e.InnerException);
        Assert.Contains(what, e.Message, StringComparison.Ordinal);
        Assert.Contains(e.InnerException!.Message, e.Message, StringComparison.Ordinal);
        if (e is not LoadException)
        {
            Assert.Contains("failed", e.Message, StringComparison.Ordinal);
        }

        return e;
    }
}
