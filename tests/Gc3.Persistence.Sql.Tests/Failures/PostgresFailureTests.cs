using Gc3.Persistence.Sql.Tests.Infrastructure;

namespace Gc3.Persistence.Sql.Tests.Failures;

/// <summary>Database errors of a real PostgreSQL server, wrapped.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresFailureTests(PostgresServer server) : SqlFailureTests
{
    protected override string UriFor(string table) => $"{server.Uri}#table={table}";

    // The server is there, the database is not.
    protected override string UnopenableUri => server.Uri[..server.Uri.LastIndexOf('/')] + "/no_such_database";

    protected override void Execute(string sql)
    {
        using var connection = server.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    protected override void DropTable(string table) => server.DropStore(table);
}
