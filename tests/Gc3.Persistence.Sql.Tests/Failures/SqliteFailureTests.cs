using System.Data.Common;
using Gc3.Persistence.Sql.Tests.Infrastructure;

namespace Gc3.Persistence.Sql.Tests.Failures;

/// <summary>Database errors of SQLite, wrapped.</summary>
public sealed class SqliteFailureTests : SqlFailureTests
{
    private readonly TemporaryDirectory _directory = new("sql-fail");

    private string DatabasePath => _directory.Combine("store.db");

    protected override string StoreUri => $"sqlite://{DatabasePath}";

    protected override string UnopenableUri
    {
        get
        {
            var path = _directory.Combine("not-a-database.db");
            File.WriteAllText(path, new string('x', 4096));
            return "sqlite://" + path;
        }
    }

    protected override DbConnection OpenRawConnection() => SqliteFile.Open(DatabasePath);

    protected override void DropTable(string table)
    {
    }

    public override void Dispose()
    {
        base.Dispose();
        _directory.Dispose();
    }
}
