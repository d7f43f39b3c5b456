namespace Gc3.Persistence.Sql.Tests.Infrastructure;

/// <summary>
/// The database a SQL test makes its tables in (<see cref="SqlTableTests"/>): an SQLite file of the test's own
/// (<see cref="SqliteTestDatabase"/>) or the test server's (<see cref="PostgresTestDatabase"/>). Disposed with the test.
/// </summary>
public interface ITestDatabase : IDisposable
{
    /// <summary>The store URI of the database, with no table: the store's default table.</summary>
    string StoreUri { get; }

    /// <summary>A plain connection to the database.</summary>
    DbConnection OpenConnection();

    /// <summary>Drops a store's table and the tables beside it, when they exist.</summary>
    void DropStore(string table);
}
