namespace Gc3.Persistence.Sql.Tests.Interruptions;

/// <summary>Interrupted saves on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresInterruptedSaveTests(PostgresServer server) : SqlInterruptedSaveTests(new PostgresTestDatabase(server));
