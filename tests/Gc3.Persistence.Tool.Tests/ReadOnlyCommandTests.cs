using Gc3.Persistence.Files;
using Gc3.Persistence.Sqlite;
using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Tool.Tests;

/// <summary>
/// gc3p's reading commands (ls, show, dump, stats, schema, verify, and copy's source) open stores read-only: on a backup,
/// on evidence after a crash or on a live store they change no file, not even what opening a store for writing repairs
/// (a killed writer's commit, old temporary files, an SQLite database's journal mode or tables), and verify reports the
/// store as it is, naming the commit it did not finish.
/// </summary>
public sealed class ReadOnlyCommandTests() : TemporaryDirectoryTests("gc3p-read-only")
{
    [Fact]
    public void Reading_commands_leave_every_file_of_a_crashed_file_store_byte_identical_and_verify_names_the_unfinished_commit()
    {
        var store = Folder.Combine("crashed");
        string[] ids;
        using (var writer = new FilesystemStore(store))
        {
            ids = [.. Enumerable.Range(0, 3).Select(i => writer.Save(new Job { Name = $"job {i}" }).ToString())];
        }

        // What a killed writer leaves: a save past its commit point (its record still under the temporary name), the
        // temporary of an older save and the unfinished journal of one before its commit point, both two hours old.
        var journal = KilledWriter.LeaveUnfinishedCommit(store, Id.Parse(ids[2]));
        var temporary = KilledWriter.LeaveTemporary(store, "Job.99", TimeSpan.FromHours(2));
        var part = Path.Join(Path.GetDirectoryName(journal), "0123456789abcdef0123456789abcdef.journal.tmp");
        File.WriteAllText(part, "gc3-commit 1\n");
        File.SetLastWriteTimeUtc(part, DateTime.UtcNow - TimeSpan.FromHours(2));
        var before = KilledWriter.Snapshot(store);

        var commands = new[]
        {
            ["ls", store], ["show", store, ids[0]], ["dump", store], ["stats", store], ["schema", store], ["verify", store],
            new[] { "copy", store, "sqlite://" + Folder.Combine("copy.db") },
        };
        foreach (var arguments in commands)
        {
            var result = Processes.Gc3p(arguments);
            Assert.True(result.ExitCode == (arguments[0] == "verify" ? 1 : 0), result.ToString());
            Assert.Equal(before, KilledWriter.Snapshot(store));
        }

        // The store as it is on disk: the interrupted save's record is not there, and verify says why in a (store) line.
        Assert.Equal(3, Processes.Gc3p("ls", store).EnsureSuccess().Lines.Length); // two records and the total
        var verified = Processes.Gc3p("verify", store);
        var problem = Assert.Single(verified.Lines, line => line.StartsWith("(store): ", StringComparison.Ordinal));
        Assert.Contains($"the commit journal '{journal}'", problem, StringComparison.Ordinal);
        Assert.Contains("opening the store for writing", problem, StringComparison.Ordinal);
        Assert.Contains(journal, verified.Error, StringComparison.Ordinal); // the store's warning too

        // Opened for writing (an application), the store finishes the save: then verify finds nothing wrong.
        using (var writer = new FilesystemStore(store))
        {
            Assert.Equal("job 2", writer.Load<Job>(Id.Parse(ids[2])).Name);
        }

        Assert.False(File.Exists(temporary));
        Assert.False(File.Exists(part));
        Processes.Gc3p("verify", store).EnsureSuccess();
    }

    [Fact]
    public void Reading_commands_leave_an_sqlite_database_byte_identical()
    {
        var path = Folder.Combine("store.db");
        string firstId;
        using (var writer = new SqliteStore(path))
        {
            firstId = writer.Save(new Job { Name = "kept", State = JobState.Running }).ToString();
            writer.Save(new Job { Name = "other" });
        }

        AssertReadingCommandsChangeNothing("sqlite://" + path, firstId, expectProblems: false);
    }

    [Fact]
    public void Reading_commands_leave_an_sqlite_database_of_an_older_layout_byte_identical()
    {
        // A store table from an older version (as the upgrade tests make it): no state column, no counter, fill or
        // schema tables, a column of its own. Opening it for writing would add them; gc3p reads it as it is.
        var recordStore = Folder.Combine("records");
        Id id;
        using (var files = new FilesystemStore(recordStore))
        {
            id = files.Save(new Job { Name = "old" });
        }

        var path = Folder.Combine("old.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText =
                "CREATE TABLE store (prefix TEXT NOT NULL, seqno BIGINT NOT NULL, id TEXT NOT NULL, tag TEXT NOT NULL, data BLOB NOT NULL, "
                + "version BIGINT NOT NULL, legacy TEXT, PRIMARY KEY (prefix, seqno));"
                + "INSERT INTO store (prefix, seqno, id, tag, data, version, legacy) VALUES (@prefix, @seqno, @id, 'test.job', @data, 1, 'kept')";
            command.Parameters.AddWithValue("@prefix", id.Prefix);
            command.Parameters.AddWithValue("@seqno", id.SeqNo);
            command.Parameters.AddWithValue("@id", id.ToString());
            command.Parameters.AddWithValue("@data", File.ReadAllBytes(Path.Join(recordStore, id.ToString())));
            command.ExecuteNonQuery();
        }

        AssertReadingCommandsChangeNothing("sqlite://" + path, id.ToString(), expectProblems: true);
        var listed = Processes.Gc3p("ls", "sqlite://" + path).EnsureSuccess();
        Assert.StartsWith(id + " ", listed.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_commands_leave_the_sqlite_database_version_1_of_the_evolution_types_wrote_byte_identical()
    {
        // The checked-in database of the schema evolution tests (tests/Gc3.Persistence.SchemaFixtures.V1), in WAL mode.
        var path = Folder.Combine("v1", "store.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Path.Combine(Repository.Root, "tests", "Gc3.Persistence.Tests", "Records", "schema-v1", "store.db"), path);

        AssertReadingCommandsChangeNothing("sqlite://" + path, "EvolvedJob.1", expectProblems: true);
    }

    // Every reading command, and a copy out of the store, leaves the database's folder as it was: the same files, bytes and times.
    private void AssertReadingCommandsChangeNothing(string uri, string id, bool expectProblems)
    {
        var folder = Path.GetDirectoryName(uri["sqlite://".Length..])!;
        var before = KilledWriter.Snapshot(folder);
        var copies = Folder.Combine("copies");
        var commands = new[]
        {
            ["ls", uri], ["show", uri, id], ["dump", uri], ["stats", uri], ["schema", uri], ["verify", uri],
            new[] { "copy", uri, Path.Join(copies, Guid.NewGuid().ToString("N")) },
        };
        foreach (var arguments in commands)
        {
            var result = Processes.Gc3p(arguments);
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
            if (!expectProblems)
            {
                result.EnsureSuccess();
            }

            Assert.Equal(before, KilledWriter.Snapshot(folder).Where(entry => !entry.StartsWith(copies, StringComparison.Ordinal) && !IsSqliteReaderFile(entry)));
        }
    }

    // The files SQLite makes beside a WAL database for any connection, a read-only one too, and which only a writer can
    // remove when it closes: the shared-memory index, and an empty log (one holding anything would be a write).
    private static bool IsSqliteReaderFile(string entry)
        => entry.Split(' ')[0].EndsWith("-shm", StringComparison.Ordinal) || (entry.Split(' ')[0].EndsWith("-wal", StringComparison.Ordinal) && entry.EndsWith(": ", StringComparison.Ordinal));
}
