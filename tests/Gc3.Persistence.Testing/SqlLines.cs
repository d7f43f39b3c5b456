using System.Data.Common;

namespace Gc3.Persistence.Testing;

/// <summary>Plain SQL for tests that look at a store's tables past the store.</summary>
public static class SqlLines
{
    /// <summary>The first column of every row <paramref name="sql"/> selects, as strings.</summary>
    public static List<string> Of(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}
