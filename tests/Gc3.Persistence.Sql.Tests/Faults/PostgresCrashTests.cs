namespace Gc3.Persistence.Sql.Tests.Faults;

/// <summary>kill -9 loops on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCrashTests(PostgresServer server, ITestOutputHelper output) : SqlCrashTests(output), IDisposable
{
    protected override string Uri => $"{server.Uri}#table={Table}";

    public void Dispose() => server.DropStore(Table);
}
