namespace Gc3.Persistence.Sql.Tests.Faults;

/// <summary>Concurrent transactions of 4 processes on an SQLite file.</summary>
public sealed class SqliteConcurrentTransactionTests(ITestOutputHelper output) : ConcurrentTransactionTests(output)
{
    private readonly TemporaryDirectory _directory = new("sql-ctx");

    protected override string Uri => $"sqlite://{_directory.Combine("ctx.db")}#table={Table}";

    public override void Dispose() => _directory.Dispose();
}
