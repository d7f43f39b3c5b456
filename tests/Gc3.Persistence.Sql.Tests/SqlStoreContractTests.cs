namespace Gc3.Persistence.Sql.Tests;

/// <summary>
/// The generic store suite, unchanged, on a SQL database (SQLite or PostgreSQL); four processes of 2,000 saves each.
/// The database is disposed, and a table of the test's own dropped, after each test.
/// </summary>
/// <param name="database">The database the store is in.</param>
/// <param name="table">The store's table, or <see langword="null"/> for its default table (<c>store</c>).</param>
public abstract class SqlStoreContractTests(ITestDatabase database, string? table) : StoreContractTests
{
    protected override string StoreUri => table is null ? database.StoreUri : $"{database.StoreUri}#table={table}";

    protected override (int Processes, int ObjectsEach) ConcurrentWriters => (4, 2000);

    protected override byte[] RecordBytes(Id id)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT data FROM \"{table ?? "store"}\" WHERE prefix = @prefix AND seqno = @seqno";
        AddParameter(command, "@prefix", id.Prefix);
        AddParameter(command, "@seqno", id.SeqNo);
        return (byte[])command.ExecuteScalar()!;
    }

    protected override void DamageRecord(Id id)
    {
        var bytes = RecordBytes(id);
        bytes[bytes.Length / 2] ^= 0xFF;
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE \"{table ?? "store"}\" SET data = @data WHERE prefix = @prefix AND seqno = @seqno";
        AddParameter(command, "@data", bytes);
        AddParameter(command, "@prefix", id.Prefix);
        AddParameter(command, "@seqno", id.SeqNo);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    public override void Dispose()
    {
        base.Dispose();
        if (table is not null)
        {
            database.DropStore(table);
        }

        database.Dispose();
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
