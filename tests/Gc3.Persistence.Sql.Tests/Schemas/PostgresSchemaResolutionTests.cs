namespace Gc3.Persistence.Sql.Tests.Schemas;

/// <summary>Resolution on PostgreSQL: the fixture's rows copied into a table of the test server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaResolutionTests(PostgresServer server) : SchemaResolutionTests(new PostgresTestDatabase(server))
{
}
