using System.Data.Common;
using System.Globalization;
using Gc3.Persistence.Sql.Tests.Infrastructure;
using Gc3.Persistence.Sqlite;
using Gc3.Persistence.TestModel;
using Microsoft.Data.Sqlite;

namespace Gc3.Persistence.Sql.Tests;

/// <summary>The SQL store checks against an SQLite file, plus what is SQLite's own.</summary>
public sealed class SqliteStoreTests : SqlStoreTests
{
    private readonly TempDirectory _directory = new();

    private string DatabasePath => _directory.File("store.db");

    protected override string BlobType => "BLOB";

    protected override string EmptyBlob => "X''";

    protected override string UriFor(string? table) => $"sqlite://{DatabasePath}" + (table is null ? "" : "#table=" + table);

    protected override DbConnection OpenRawConnection()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    protected override void DropTable(string table)
    {
        if (File.Exists(DatabasePath))
        {
            Execute($"DROP TABLE IF EXISTS \"{table}\"; DROP TABLE IF EXISTS \"{table}_ids\"");
        }
    }

    protected override DateTime ReadTimestamp(object? value)
        => DateTime.Parse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public override void Dispose()
    {
        base.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void Opens_absolute_and_relative_uris_and_creates_missing_folders()
    {
        var absolute = _directory.File("a/b/c/jobs.db");
        using (var store = (SqliteStore)StoreFactory.Make("sqlite://" + absolute))
        {
            Assert.Equal(absolute, store.Path);
            store.Save(NewJob("abs"));
        }

        Assert.True(File.Exists(absolute));

        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _directory.File("Rel/Dir/Jobs.db"));
        Assert.False(Path.IsPathRooted(relative));
        using (var store = (SqliteStore)StoreFactory.Make("sqlite://" + relative + "#table=jobs"))
        {
            // Case is kept: the first folder of a relative path is no host name.
            Assert.Equal(_directory.File("Rel/Dir/Jobs.db"), store.Path);
            Assert.Equal("jobs", store.TableName);
            store.Save(NewJob("rel"));
        }

        using var viaDriver = (SqliteStore)StoreFactory.Make("sqlite+pysqlite://" + relative + "#table=jobs");
        Assert.Single(viaDriver.List());
    }

    [Fact]
    public void Bad_sqlite_uris_are_clear_errors()
    {
        Assert.Contains("names no database file", Assert.Throws<ArgumentException>(() => StoreFactory.Make("sqlite://")).Message, StringComparison.Ordinal);
        Assert.Contains("take none", Assert.Throws<ArgumentException>(() => StoreFactory.Make("sqlite://" + DatabasePath + "?mode=memory")).Message, StringComparison.Ordinal);
        Assert.Contains(":memory:", Assert.Throws<ArgumentException>(() => new SqliteStore(":memory:")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Uses_write_ahead_logging_and_closes_the_file_on_dispose()
    {
        using (var store = Open())
        {
            store.Save(NewJob("wal"));
            Assert.Equal("wal", Scalar("PRAGMA journal_mode"));
        }

        // Every connection is closed: the file can be removed.
        SqliteConnection.ClearAllPools();
        File.Delete(DatabasePath);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public void The_sqlite_scheme_is_registered_by_referencing_the_package()
    {
        Assert.Contains("sqlite", StoreFactory.Schemes);
        using var store = StoreFactory.Make("sqlite://" + DatabasePath);
        Assert.IsType<SqliteStore>(store);
    }
}
