namespace Gc3.Persistence.Sql.Tests.Infrastructure;

/// <summary>The test PostgreSQL server's database; the server stays up for the other tests of its collection.</summary>
public sealed class PostgresTestDatabase(PostgresServer server) : ITestDatabase
{
    /// <inheritdoc/>
    public string StoreUri => server.Uri;

    /// <inheritdoc/>
    public DbConnection OpenConnection() => server.OpenConnection();

    /// <inheritdoc/>
    public void DropStore(string table) => server.DropStore(table);

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
