namespace Gc3.Persistence.Sql.Tests.Failures;

/// <summary>Database errors of a real PostgreSQL server, wrapped.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresFailureTests(PostgresServer server) : SqlFailureTests(new PostgresTestDatabase(server))
{
    // The server is there, the database is not.
    protected override string UnopenableUri => server.Uri[..server.Uri.LastIndexOf('/')] + "/no_such_database";
}
