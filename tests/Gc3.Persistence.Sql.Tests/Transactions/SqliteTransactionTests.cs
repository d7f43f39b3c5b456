namespace Gc3.Persistence.Sql.Tests.Transactions;

/// <summary>Units of work on an SQLite file.</summary>
public sealed class SqliteTransactionTests() : SqlTransactionTests(new SqliteTestDatabase("sql-tx", "tx.db"))
{
    private SqliteTestDatabase Sqlite => (SqliteTestDatabase)Database;

    protected override string SystemName => "sqlite";

    [Fact]
    public void The_file_store_refuses_a_transaction_clearly()
    {
        using var store = StoreFactory.Make("file://" + Sqlite.Directory.Combine("files"));
        var refused = Assert.Throws<NotSupportedException>(store.BeginTransaction);
        Assert.Contains("FilesystemStore", refused.Message, StringComparison.Ordinal);
        Assert.Contains("SQL store", refused.Message, StringComparison.Ordinal);
    }
}
