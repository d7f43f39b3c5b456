namespace Gc3.Persistence.Sql.Tests.Infrastructure;

/// <summary>An SQLite file in a temporary directory of the test's own, deleted with it.</summary>
public sealed class SqliteTestDatabase(string purpose, string fileName = "store.db") : ITestDatabase
{
    /// <summary>The test's directory, which holds the database file (and whatever else the test writes).</summary>
    public TemporaryDirectory Directory { get; } = new(purpose);

    /// <summary>The database file.</summary>
    public string Path => Directory.Combine(fileName);

    /// <inheritdoc/>
    public string StoreUri => $"sqlite://{Path}";

    /// <inheritdoc/>
    public DbConnection OpenConnection() => SqliteFile.Open(Path);

    /// <inheritdoc/>
    public void DropStore(string table)
    {
        if (!File.Exists(Path))
        {
            return;
        }

        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP TABLE IF EXISTS \"{table}\"; DROP TABLE IF EXISTS \"{table}_ids\"";
        command.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public void Dispose() => Directory.Dispose();
}
