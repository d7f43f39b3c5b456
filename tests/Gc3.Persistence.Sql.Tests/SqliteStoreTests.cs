using System.Globalization;
using Gc3.Persistence.Sql;
using Gc3.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace Gc3.Persistence.Sql.Tests;

/// <summary>The SQL store checks against an SQLite file, plus what is SQLite's own.</summary>
public sealed class SqliteStoreTests() : SqlStoreTests(new SqliteTestDatabase("sql"))
{
    private SqliteTestDatabase Sqlite => (SqliteTestDatabase)Database;

    private string DatabasePath => Sqlite.Path;

    protected override string BlobType => "BLOB";

    protected override string EmptyBlob => "X''";

    protected override DateTime ReadTimestamp(object? value)
        => DateTime.Parse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    [Fact]
    public void Opens_absolute_and_relative_uris_and_creates_missing_folders()
    {
        var absolute = Sqlite.Directory.Combine("a/b/c/jobs.db");
        using (var store = (SqliteStore)StoreFactory.Make("sqlite://" + absolute))
        {
            Assert.Equal(absolute, store.Path);
            store.Save(NewJob("abs"));
        }

        Assert.True(File.Exists(absolute));

        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Sqlite.Directory.Combine("Rel/Dir/Jobs.db"));
        Assert.False(Path.IsPathRooted(relative));
        using (var store = (SqliteStore)StoreFactory.Make("sqlite://" + relative + "#table=jobs"))
        {
            // Case is kept: the first folder of a relative path is no host name.
            Assert.Equal(Sqlite.Directory.Combine("Rel/Dir/Jobs.db"), store.Path);
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

    [Theory]
    [InlineData("x")]
    [InlineData("notes: keep\n")]
    [InlineData("a text file that is long enough to be more than one SQLite header of one hundred bytes, written by hand.\n")]
    public void A_file_that_is_no_database_is_refused_and_left_as_it_is(string content)
    {
        // SQLite takes a file shorter than its header for an empty database and writes one over it.
        File.WriteAllText(DatabasePath, content);
        var error = Assert.Throws<StoreException>(() => StoreFactory.Make("sqlite://" + DatabasePath));
        Assert.Contains("is not an SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(DatabasePath));
        File.Delete(DatabasePath); // the fixture's clean-up opens the database
    }

    [Fact]
    public async Task A_fifo_where_the_database_should_be_is_an_error_not_a_hang()
    {
        File.Delete(DatabasePath);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", DatabasePath))
        {
            await mkfifo.WaitForExitAsync();
        }

        var open = Task.Run(() => StoreFactory.Make("sqlite://" + DatabasePath).Dispose());
        await Assert.ThrowsAsync<StoreException>(() => open.WaitAsync(TimeSpan.FromSeconds(30)));
        File.Delete(DatabasePath);
    }

    [Fact]
    public void An_empty_file_becomes_the_database()
    {
        File.WriteAllBytes(DatabasePath, []);
        using (var store = StoreFactory.Make("sqlite://" + DatabasePath))
        {
            store.Save(new Executable { Path = "/bin/true" });
        }

        Assert.StartsWith("SQLite format 3\0", File.ReadAllText(DatabasePath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_connection_opened_for_concurrent_operations_is_closed_on_dispose()
    {
        Assert.True(OperatingSystem.IsLinux(), "this test counts the process's open files in /proc/self/fd");
        var store = Open();
        var ids = store.SaveMany([.. Enumerable.Range(0, 40).Select(i => NewJob("c" + i))]);

        // Threads loading and saving at once each take a connection of their own.
        await ConcurrentUse.LoadAndSaveAsync(store, ids, threads: 12, rounds: 30, name => NewJob(name), saveAsync: false);
        Assert.InRange(OpenHandlesTo(DatabasePath), 1, 100);
        Assert.Equal(40 + (12 * 30), store.List().Count);

        store.Dispose();
        Assert.Equal(0, OpenHandlesTo(DatabasePath));
        Assert.Throws<ObjectDisposedException>(() => store.Load(ids[0]));
    }

    private static int OpenHandlesTo(string path)
    {
        var count = 0;
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget == path)
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // The descriptor was closed while the folder was read.
            }
        }

        return count;
    }

    [Fact]
    public void An_index_name_too_long_for_PostgreSQL_ends_in_the_same_hash_in_every_version()
    {
        // Existing databases hold these names and CREATE INDEX IF NOT EXISTS finds them by name: a hash that
        // changed would add a second index on every table opened. The value is FNV-1a 64 of "<table>\0<column>".
        var table = new string('a', SqlNames.MaxTableNameLength);
        using (var store = StoreFactory.Make($"sqlite://{DatabasePath}#table={table}"))
        {
            store.Save(new Model.Sample { Label = "x" });
        }

        using var connection = OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '{table}' AND name LIKE '%_idx' ORDER BY name";
        var names = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        Assert.Contains(new string('a', 40) + "_78aae69da8c38b1d_idx", names);
    }

    [Fact]
    public void The_dialect_binds_a_slice_of_a_buffer_and_reads_back_exactly_its_bytes()
    {
        var dialect = new SqliteDialect(durable: false, StoreOptions.DefaultLockTimeout);
        using var connection = OpenRawConnection();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE blobs (n INTEGER, data BLOB NOT NULL)";
            create.ExecuteNonQuery();
        }

        // Records are slices of one save buffer: the bytes around a slice must not leak into it.
        byte[] buffer = [0xEE, 1, 2, 3, 4, 5, 0xEE, 0xEE];
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO blobs VALUES (1, @data), (2, @empty)";
            var data = dialect.CreateParameter("@data", System.Data.DbType.Binary);
            data.Value = dialect.BlobValue(buffer.AsMemory(1, 5));
            var empty = dialect.CreateParameter("@empty", System.Data.DbType.Binary);
            empty.Value = dialect.BlobValue(buffer.AsMemory(3, 0));
            insert.Parameters.Add(data);
            insert.Parameters.Add(empty);
            insert.ExecuteNonQuery();
        }

        buffer.AsSpan().Fill(0xAA); // the database holds its own copy
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {SqlDialect.RecordColumns(1 << 20)} FROM blobs ORDER BY n";
        using var reader = select.ExecuteReader();
        Assert.True(reader.Read());
        var record = dialect.ReadRecordBytes(reader, 0, 1 << 20, out var length);
        Assert.Equal(5, length);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, record!.Value.Span.ToArray());

        Assert.Null(dialect.ReadRecordBytes(reader, 0, 4, out length));
        Assert.Equal(5, length);

        Assert.True(reader.Read());
        Assert.Equal(0, dialect.ReadRecordBytes(reader, 0, 1 << 20, out length)!.Value.Length);
        Assert.Equal(0, length);
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

    // docs/stores.md, Durability: WAL with synchronous=NORMAL by default, FULL with Durable = true, and writers that
    // wait 30 s for each other. Nothing else would notice if Durable stopped reaching the connections' settings.
    [Theory]
    [InlineData(false, 1L)] // NORMAL
    [InlineData(true, 2L)] // FULL
    public async Task Durable_sets_the_synchronous_level_of_every_connection_the_store_opens(bool durable, long synchronous)
    {
        using var store = Open(new StoreOptions { Durable = durable });
        store.Save(NewJob("durable"));
        var dialect = (SqlDialect)typeof(SqlStore).GetProperty("Dialect", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.GetValue(store)!;
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();

        await dialect.InitializeConnectionAsync(connection, async: true, CancellationToken.None);

        Assert.Equal(synchronous, ConnectionScalar(connection, "PRAGMA synchronous"));
        Assert.Equal("wal", ConnectionScalar(connection, "PRAGMA journal_mode"));
        Assert.Equal(30_000L, ConnectionScalar(connection, "PRAGMA busy_timeout"));

        static object? ConnectionScalar(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteScalar();
        }
    }

    // StoreOptions.LockTimeout bounds SQLite's wait for another connection's write lock too: SQLite's busy timeout and
    // Microsoft.Data.Sqlite's retries of a busy statement (which go on for their own 30 s unless told otherwise).
    [Fact]
    public void A_write_lock_held_past_LockTimeout_fails_the_save_with_a_StoreException_and_writes_nothing()
    {
        using var store = Open(new StoreOptions { LockTimeout = TimeSpan.FromSeconds(1) });
        var kept = store.Save(NewJob("kept"));
        var job = store.Load<Job>(kept);
        job.Cores = 7;

        StoreException refused;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        using (var holder = new SqliteConnection($"Data Source={DatabasePath};Pooling=False")) // closed, its transaction ends
        {
            holder.Open();
            using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();

            refused = Assert.Throws<StoreException>(() => store.Save(job));
            waited.Stop();
        }

        Assert.Contains("locked", refused.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.InRange(waited.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(20)); // its 1 s, not the default 30 s
        using (var reader = Open())
        {
            Assert.NotEqual(7, reader.Load<Job>(kept).Cores);
        }

        store.Save(job); // the lock is free again
        using var after = Open();
        Assert.Equal(7, after.Load<Job>(kept).Cores);
    }

    [Fact]
    public async Task LockTimeout_sets_the_busy_timeout_of_the_store_s_connections()
    {
        using var store = Open(new StoreOptions { LockTimeout = TimeSpan.FromSeconds(5) });
        var dialect = (SqlDialect)typeof(SqlStore).GetProperty("Dialect", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.GetValue(store)!;
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();

        await dialect.InitializeConnectionAsync(connection, async: true, CancellationToken.None);

        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout";
        Assert.Equal(5_000L, command.ExecuteScalar());
        Assert.Equal(0, SqliteDialect.CommandTimeoutSeconds(Timeout.InfiniteTimeSpan));
        Assert.Equal(2, SqliteDialect.CommandTimeoutSeconds(TimeSpan.FromMilliseconds(1_500)));
    }

    // Every save is a statement with RETURNING, and SQLite runs its auto-checkpoint only for statements read to
    // their end. Found by the benchmarks (the WAL grew by ~14 KB per save, 220 MB after 10,000 saves).
    [Fact]
    public void The_WAL_stays_bounded_over_thousands_of_single_saves()
    {
        var path = Sqlite.Directory.Combine("wal.db");
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

    [Fact]
    public void The_sqlite_scheme_is_registered_by_referencing_the_package()
    {
        Assert.Contains("sqlite", StoreFactory.Schemes);
        using var store = StoreFactory.Make("sqlite://" + DatabasePath);
        Assert.IsType<SqliteStore>(store);
    }
}
