using System.Data.Common;
using Gc3.Persistence.Sql.Tests.Infrastructure;

namespace Gc3.Persistence.Sql.Tests.Transactions;

/// <summary>Units of work on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTransactionTests(PostgresServer server) : SqlTransactionTests
{
    protected override string SystemName => "postgresql";

    protected override string StoreUri => server.Uri;

    protected override DbConnection OpenRawConnection() => server.OpenConnection();

    protected override void DropTable(string table) => server.DropStore(table);
}
