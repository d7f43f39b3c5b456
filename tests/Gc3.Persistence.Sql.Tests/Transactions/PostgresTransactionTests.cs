namespace Gc3.Persistence.Sql.Tests.Transactions;

/// <summary>Units of work on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTransactionTests(PostgresServer server) : SqlTransactionTests(new PostgresTestDatabase(server))
{
    protected override string SystemName => "postgresql";
}
