using Microsoft.Data.Sqlite;

namespace Gc3.Persistence.Sql.Tests.Infrastructure;

/// <summary>Plain connections to an SQLite file, beside the store's own (no pooling: the file can be deleted after).</summary>
public static class SqliteFile
{
    /// <summary>An open connection to the database at <paramref name="path"/>.</summary>
    public static SqliteConnection Open(string path, bool readOnly = false)
    {
        var connection = new SqliteConnection($"Data Source={path};{(readOnly ? "Mode=ReadOnly;" : "")}Pooling=False");
        connection.Open();
        return connection;
    }
}
