namespace Gc3.Persistence.Sql.Tests.Columns;

/// <summary>Column refills on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresColumnRefillTests(PostgresServer server) : ColumnRefillTests(new PostgresTestDatabase(server));
