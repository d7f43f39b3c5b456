using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Tests;

/// <summary>
/// A file store opened with <see cref="StoreOptions.ReadOnly"/> (an inspection, a dashboard, a backup) writes nothing:
/// not at open (where a store opened for writing finishes a killed writer's commit and removes old temporary files), not
/// on a load that misses a record, and every write throws <see cref="ReadOnlyStoreException"/>.
/// </summary>
public sealed class ReadOnlyFileStoreTests() : TemporaryDirectoryTests("read-only-file-store")
{
    private static readonly StoreOptions ReadOnly = new() { ReadOnly = true };

    [Fact]
    public async Task Every_write_throws_ReadOnlyStoreException_and_changes_no_file_while_reads_work()
    {
        Id id;
        using (var writer = new FilesystemStore(Folder.Path))
        {
            id = writer.Save(Samples.Job("kept"));
        }

        using var other = new FilesystemStore(Folder.Combine("other"));
        other.Save(Samples.Job("elsewhere"));
        var before = KilledWriter.Snapshot(Folder.Path);

        using var store = new FilesystemStore(Folder.Path, ReadOnly);
        var loaded = store.Load<Job>(id);
        Assert.Equal("kept", loaded.Name);
        Assert.Equal(2, store.List().Count);
        Assert.Equal([id], store.List<Job>());
        Assert.Equal(long.Parse(File.ReadAllText(Folder.Combine(FilesystemStore.CounterFileName)), System.Globalization.CultureInfo.InvariantCulture), await store.ReadIdCounterAsync());
        Assert.NotEmpty(await store.ReadSchemasAsync());

        loaded.Name = "changed";
        var newOne = Samples.Job("new");
        foreach (var (name, write) in ReadOnlyWrites.Of(store, loaded, id, newOne, () => Samples.Job("new"), other))
        {
            var e = Assert.Throws<ReadOnlyStoreException>(write);
            Assert.True(e.Message.Contains("opened read-only", StringComparison.Ordinal) && e.Message.Contains(Folder.Path, StringComparison.Ordinal), $"{name}: {e.Message}");
            Assert.Contains(e.Operation, e.Message, StringComparison.Ordinal);
            Assert.Equal(store.ToString(), e.Store);
        }

        Assert.Null(newOne.PersistentId);
        Assert.Null(newOne.Executable!.PersistentId);
        Assert.Equal(id, loaded.PersistentId);
        Assert.Equal(before, KilledWriter.Snapshot(Folder.Path));
    }

    [Fact]
    public void A_missing_store_is_an_error_even_with_CreateIfMissing_and_nothing_is_created()
    {
        var directory = Folder.Combine("missing");
        var e = Assert.Throws<StoreNotFoundException>(() => new FilesystemStore(directory, new StoreOptions { ReadOnly = true, CreateIfMissing = true }));

        Assert.Contains("read-only", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void A_killed_writers_commit_and_old_temporaries_stay_as_they_are_named_in_a_warning_and_are_finished_by_a_writable_open()
    {
        Id jobId;
        Id executableId;
        using (var writer = new FilesystemStore(Folder.Path))
        {
            var job = Samples.Job("interrupted");
            jobId = writer.Save(job);
            executableId = job.Executable!.PersistentId!;
        }

        var journal = KilledWriter.LeaveUnfinishedCommit(Folder.Path, jobId);
        var temporary = KilledWriter.LeaveTemporary(Folder.Path, "Job.99", TimeSpan.FromHours(2));
        var before = KilledWriter.Snapshot(Folder.Path);
        var log = new CapturingLoggerFactory();

        using (var store = new FilesystemStore(Folder.Path, new StoreOptions { ReadOnly = true, LoggerFactory = log }))
        {
            // The records as they are on disk: the interrupted save's job is not in place. A load that misses it (which,
            // opened for writing, finishes the commit) says the journal would put it there, not that there is none,
            // and writes nothing; a record no journal names is missing as usual.
            Assert.Equal([journal], store.UnfinishedCommitJournals);
            Assert.Equal([executableId], store.List());
            var pending = Assert.Throws<LoadException>(() => store.Load(jobId));
            Assert.IsNotType<RecordNotFoundException>(pending);
            Assert.Contains(journal, pending.Message, StringComparison.Ordinal);
            Assert.Contains("open the store for writing", pending.Message, StringComparison.Ordinal);
            Assert.Throws<LoadException>(() => store.TryLoad<Job>(jobId, out _));
            Assert.False(store.TryLoad<Job>(new Id("Job", 424_242), out _));
            Assert.NotNull(store.Load(executableId));
        }

        Assert.Equal(before, KilledWriter.Snapshot(Folder.Path));
        var warning = Assert.Single(log.Entries, entry => entry.Event == StoreLogEvents.UnfinishedCommit);
        Assert.Equal(1012, warning.Event.Id); // the event ID docs/telemetry.md gives
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(journal, warning.Message, StringComparison.Ordinal);
        Assert.Contains("Opening the store for writing finishes", warning.Message, StringComparison.Ordinal);

        // The journal is a real one: opened for writing, the store finishes the save and removes the old temporary.
        using (var store = new FilesystemStore(Folder.Path))
        {
            Assert.Empty(store.UnfinishedCommitJournals);
            Assert.Equal("interrupted", store.Load<Job>(jobId).Name);
        }

        Assert.False(File.Exists(journal));
        Assert.False(File.Exists(temporary));
    }

    [Fact]
    public async Task A_journal_whose_writer_is_alive_is_not_named_and_a_missed_load_waits_for_it()
    {
        // A live writer holds its journal's lock: its commit is no killed writer's. Here a lock held by this test stands for it.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Id jobId;
        using (var writer = new FilesystemStore(Folder.Path))
        {
            jobId = writer.Save(Samples.Job("in flight"));
        }

        var journal = KilledWriter.LeaveUnfinishedCommit(Folder.Path, jobId);
        var temporary = Directory.GetFiles(Folder.Path, $".{jobId}.*.tmp").Single();
        using var held = new FileStream(journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Assert.True(TryFlock(held), "the test could not take the journal's lock");

        using var store = new FilesystemStore(Folder.Path, ReadOnly);
        Assert.Empty(store.UnfinishedCommitJournals);

        // The "writer" finishes its commit while the load waits: the load then finds the record.
        var finishing = Task.Run(() =>
        {
            Thread.Sleep(300);
            File.Move(temporary, Path.Join(Folder.Path, jobId.ToString()));
            File.Delete(journal);
            held.Dispose();
        });
        Assert.Equal("in flight", store.Load<Job>(jobId).Name);
        await finishing;
    }

    private static bool TryFlock(FileStream file) => Flock(file.SafeFileHandle.DangerousGetHandle().ToInt32(), 2 | 4) == 0; // LOCK_EX | LOCK_NB

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int Flock(int fd, int operation);
}
