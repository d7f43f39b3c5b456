using Microsoft.Data.Sqlite;

namespace Gc3.Persistence.Sql.Tests;

/// <summary>The generic store suite, unchanged, on an SQLite file; four processes of 2,000 saves each.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly TemporaryDirectory _directory = new("sql");

    protected override string StoreUri => "sqlite://" + _directory.Combine("contract.db");

    protected override byte[] RecordBytes(Id id)
    {
        using var connection = SqliteFile.Open(_directory.Combine("contract.db"));
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM \"store\" WHERE prefix = $prefix AND seqno = $seqno";
        command.Parameters.AddWithValue("$prefix", id.Prefix);
        command.Parameters.AddWithValue("$seqno", id.SeqNo);
        return (byte[])command.ExecuteScalar()!;
    }

    protected override (int Processes, int ObjectsEach) ConcurrentWriters => (4, 2000);

    public override void Dispose()
    {
        base.Dispose();
        _directory.Dispose();
    }
}
