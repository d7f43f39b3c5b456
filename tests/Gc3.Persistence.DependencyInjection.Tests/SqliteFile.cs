using Microsoft.Data.Sqlite;

namespace Gc3.Persistence.DependencyInjection.Tests;

/// <summary>Looks into a SQLite database file directly, past the store.</summary>
internal static class SqliteFile
{
    public static long CountRows(string path, string table)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return (long)command.ExecuteScalar()!;
    }
}
