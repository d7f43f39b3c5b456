using Gc3.Persistence.Sqlite;
using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Sql.Tests;

/// <summary>
/// The write-ahead log of an SQLite store is checkpointed as it goes: every save is a statement with
/// <c>RETURNING</c>, and SQLite runs its auto-checkpoint only for statements read to their end.
/// Found by the benchmarks (the WAL grew by ~14 KB per save, 220 MB after 10,000 saves).
/// </summary>
public sealed class SqliteWalTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("sql");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_WAL_stays_bounded_over_thousands_of_single_saves()
    {
        var path = _directory.Combine("wal.db");
        using var store = new SqliteStore(path);
        var executable = new Executable { Path = "/bin/x", Version = "1", Checksum = new string('c', 64) };
        Id? last = null;
        for (var i = 0; i < 3_000; i++)
        {
            last = store.Save(new Job { Name = $"w{i}", Output = new string('o', 200), Executable = executable });
        }

        // SQLite's default auto-checkpoint restarts the log at 1,000 pages (4 MB); without it 3,000
        // saves leave over 40 MB.
        var wal = new FileInfo(path + "-wal");
        Assert.True(wal.Length < 12 << 20, $"the WAL holds {wal.Length / 1024} KiB after 3,000 saves");
        store.InvalidateCache();
        Assert.Equal("w2999", store.Load<Job>(last!).Name);
    }
}
