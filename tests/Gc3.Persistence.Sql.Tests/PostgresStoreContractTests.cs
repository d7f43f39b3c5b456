namespace Gc3.Persistence.Sql.Tests;

/// <summary>The generic store suite, unchanged, on a real PostgreSQL server, in a table of the test's own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreContractTests(PostgresServer server)
    : SqlStoreContractTests(new PostgresTestDatabase(server), "c_" + Guid.NewGuid().ToString("N")[..12]);
