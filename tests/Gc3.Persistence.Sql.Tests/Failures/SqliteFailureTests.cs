namespace Gc3.Persistence.Sql.Tests.Failures;

/// <summary>Database errors of SQLite, wrapped.</summary>
public sealed class SqliteFailureTests() : SqlFailureTests(new SqliteTestDatabase("sql-fail"))
{
    private SqliteTestDatabase Sqlite => (SqliteTestDatabase)Database;

    protected override string UnopenableUri
    {
        get
        {
            var path = Sqlite.Directory.Combine("not-a-database.db");
            File.WriteAllText(path, new string('x', 4096));
            return "sqlite://" + path;
        }
    }
}
