namespace Gc3.Persistence.Sql.Tests.Faults;

/// <summary>Concurrent transactions of 4 processes on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresConcurrentTransactionTests(PostgresServer server, ITestOutputHelper output) : ConcurrentTransactionTests(output)
{
    protected override string Uri => $"{server.Uri}#table={Table}";

    public override void Dispose() => server.DropStore(Table);
}
