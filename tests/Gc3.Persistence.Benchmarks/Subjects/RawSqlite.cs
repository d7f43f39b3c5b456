using Microsoft.Data.Sqlite;

namespace Gc3.Persistence.Benchmarks.Subjects;

/// <summary>
/// The plain SQLite connection of the reference points: Microsoft.Data.Sqlite, unpooled (the file can be
/// deleted once it is closed), in WAL mode, on one table of the reference's own layout.
/// </summary>
public static class RawSqlite
{
    /// <summary>Opens (creating) the database at <paramref name="path"/> and creates its table with <paramref name="createTable"/>.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="createTable">The <c>CREATE TABLE</c> statement.</param>
    /// <param name="synchronous">SQLite's <c>synchronous</c> level.</param>
    public static SqliteConnection Open(string path, string createTable, string synchronous = "NORMAL")
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous};");
        Execute(connection, createTable);
        return connection;
    }

    /// <summary>Runs <paramref name="sql"/>.</summary>
    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
