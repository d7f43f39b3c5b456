namespace Gc3.Persistence.Sql.Tests.Infrastructure;

/// <summary>
/// Tests that each work on a table of their own, named <c>PREFIX_</c> and a random suffix, in a SQL store (SQLite
/// or a real PostgreSQL server): the stores a test opens are disposed and its table dropped after it.
/// </summary>
public abstract class SqlTableTests(string prefix) : IDisposable
{
    private readonly List<IStore> _opened = [];

    /// <summary>This test's table.</summary>
    protected string Table { get; } = prefix + "_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The store URI of <paramref name="table"/> (with <c>#table=</c>).</summary>
    protected abstract string UriFor(string table);

    /// <summary>Drops <paramref name="table"/> and the tables beside it, when they exist.</summary>
    protected abstract void DropTable(string table);

    /// <inheritdoc/>
    public virtual void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        DropTable(Table);
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens this test's table; the store is disposed after the test.</summary>
    protected IStore Open()
    {
        var store = StoreFactory.Make(UriFor(Table));
        _opened.Add(store);
        return store;
    }
}
