using System.Data.Common;
using Gc3.Persistence.Sql.Tests.Infrastructure;

namespace Gc3.Persistence.Sql.Tests.Transactions;

/// <summary>Units of work on an SQLite file.</summary>
public sealed class SqliteTransactionTests : SqlTransactionTests
{
    private readonly TemporaryDirectory _directory = new("sql-tx");

    protected override string SystemName => "sqlite";

    protected override string StoreUri => $"sqlite://{_directory.Combine("tx.db")}";

    protected override DbConnection OpenRawConnection() => SqliteFile.Open(_directory.Combine("tx.db"));

    protected override void DropTable(string table)
    {
    }

    public override void Dispose()
    {
        base.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void The_file_store_refuses_a_transaction_clearly()
    {
        using var store = StoreFactory.Make("file://" + _directory.Combine("files"));
        var refused = Assert.Throws<NotSupportedException>(store.BeginTransaction);
        Assert.Contains("FilesystemStore", refused.Message, StringComparison.Ordinal);
        Assert.Contains("SQL store", refused.Message, StringComparison.Ordinal);
    }
}
