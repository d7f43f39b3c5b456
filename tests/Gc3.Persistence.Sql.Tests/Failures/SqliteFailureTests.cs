namespace Gc3.Persistence.Sql.Tests.Failures;

/// <summary>Database errors of SQLite, wrapped.</summary>
public sealed class SqliteFailureTests() : SqlFailureTests(new SqliteTestDatabase("sql-fail"))
{
    private SqliteTestDatabase Sqlite => (SqliteTestDatabase)Database;

    protected override string UnopenableUri
    {
        get
        {
            // A folder where the file should be: SQLite cannot open it (a file that is no database the store refuses itself).
            var path = Sqlite.Directory.Combine("not-a-database.db");
            Directory.CreateDirectory(path);
            return "sqlite://" + path;
        }
    }
}
