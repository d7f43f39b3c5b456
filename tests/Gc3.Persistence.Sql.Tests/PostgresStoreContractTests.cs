namespace Gc3.Persistence.Sql.Tests;

/// <summary>The generic store suite, unchanged, on a real PostgreSQL server; four processes of 2,000 saves each.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreContractTests(PostgresServer server) : StoreContractTests
{
    private readonly string _table = "c_" + Guid.NewGuid().ToString("N")[..12];

    protected override string StoreUri => $"{server.Uri}#table={_table}";

    protected override byte[] RecordBytes(Id id)
    {
        using var connection = server.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT data FROM \"{_table}\" WHERE prefix = @prefix AND seqno = @seqno";
        command.Parameters.AddWithValue("prefix", id.Prefix);
        command.Parameters.AddWithValue("seqno", id.SeqNo);
        return (byte[])command.ExecuteScalar()!;
    }

    protected override (int Processes, int ObjectsEach) ConcurrentWriters => (4, 2000);

    public override void Dispose()
    {
        base.Dispose();
        server.DropStore(_table);
    }
}
