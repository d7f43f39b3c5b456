using System.Data.Common;
using Gc3.Persistence.Sql.Tests.Infrastructure;

namespace Gc3.Persistence.Sql.Tests.Schemas;

/// <summary>Resolution on PostgreSQL: the fixture's rows copied into a table of the test server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaResolutionTests(PostgresServer server) : SchemaResolutionTests
{
    protected override string StoreUri => server.Uri;

    protected override DbConnection OpenRawConnection() => server.OpenConnection();

    protected override void DropTable(string table) => server.DropStore(table);
}
