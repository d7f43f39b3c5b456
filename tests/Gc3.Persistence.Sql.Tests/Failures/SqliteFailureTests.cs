using Microsoft.Data.Sqlite;

namespace Gc3.Persistence.Sql.Tests.Failures;

/// <summary>Database errors of SQLite, wrapped.</summary>
public sealed class SqliteFailureTests : SqlFailureTests
{
    private readonly TemporaryDirectory _directory = new("sql-fail");

    private string DatabasePath => _directory.Combine("store.db");

    protected override string UriFor(string table) => $"sqlite://{DatabasePath}#table={table}";

    protected override string UnopenableUri
    {
        get
        {
            var path = _directory.Combine("not-a-database.db");
            File.WriteAllText(path, new string('x', 4096));
            return "sqlite://" + path;
        }
    }

    protected override void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    protected override void DropTable(string table)
    {
    }

    public override void Dispose()
    {
        base.Dispose();
        _directory.Dispose();
    }
}
