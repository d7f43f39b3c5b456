using System.Diagnostics;
using System.Globalization;
using Gc3.Persistence.Files;

namespace Gc3.Persistence.Tests;

/// <summary>
/// The file store against another process that holds one of its locks and does not let go (stopped in a debugger, by
/// SIGSTOP, on a stalled NFS mount): a real second process (<see cref="LockHoldingProcess"/>) takes the lock, and the
/// store's wait ends after <see cref="StoreOptions.LockTimeout"/> in a clear error that names the file, having written
/// nothing; once the holder is gone, the same operation succeeds.
/// </summary>
public sealed class FileStoreLockTimeoutTests() : TemporaryDirectoryTests("lock-timeout")
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private StoreOptions Options => new() { LockTimeout = Timeout };

    [Fact]
    public void A_save_of_an_existing_record_fails_after_the_timeout_naming_the_write_lock_and_writes_nothing()
    {
        using var store = new FilesystemStore(Folder.Path, Options);
        var job = Samples.Job("held");
        var id = store.Save(job);
        var before = File.ReadAllBytes(store.PathOf(id));
        job.Cores = 99;

        StoreException error;
        using (LockHoldingProcess.Lock(Folder.Combine(RecordWriteLock.FileName)))
        {
            error = TimedOut(() => store.Save(job));
            Assert.Equal(before, File.ReadAllBytes(store.PathOf(id)));
            Assert.Empty(Directory.GetFiles(Folder.Path, ".*.tmp"));

            // A removal takes the same lock: refused as well, and the record stays.
            TimedOut(() => store.Remove(id));
            Assert.True(File.Exists(store.PathOf(id)));
        }

        AssertNamesTheLock(error, Folder.Combine(RecordWriteLock.FileName), "nothing was written");

        // The holder is gone: the same save goes through, with the change it failed to write.
        store.Save(job);
        using var reopened = new FilesystemStore(Folder.Path);
        Assert.Equal(99, reopened.Load<Job>(id).Cores);
    }

    [Fact]
    public void A_save_of_several_existing_records_fails_after_the_timeout_and_leaves_no_temporary_file()
    {
        using var store = new FilesystemStore(Folder.Path, Options);
        var job = Samples.Job("graph");
        var id = store.Save(job);
        var executableId = job.Executable!.PersistentId!;
        var jobBefore = File.ReadAllBytes(store.PathOf(id));
        var executableBefore = File.ReadAllBytes(store.PathOf(executableId));
        job.Cores = 7;
        job.Executable.Version = "2.0";

        using (LockHoldingProcess.Lock(Folder.Combine(RecordWriteLock.FileName)))
        {
            var error = TimedOut(() => store.Save(job));
            AssertNamesTheLock(error, Folder.Combine(RecordWriteLock.FileName), "nothing was written");
        }

        // Before, the temporaries the commit had written stayed behind (for an hour, till a store removed them).
        Assert.Empty(Directory.GetFiles(Folder.Path, ".*.tmp"));
        Assert.Equal(jobBefore, File.ReadAllBytes(store.PathOf(id)));
        Assert.Equal(executableBefore, File.ReadAllBytes(store.PathOf(executableId)));
        Assert.Empty(Directory.GetFiles(Folder.Combine(JournalDirectory.FolderName)));

        store.Save(job);
        using var reopened = new FilesystemStore(Folder.Path);
        Assert.Equal(7, reopened.Load<Job>(id).Cores);
        Assert.Equal("2.0", reopened.Load<Executable>(executableId).Version);
    }

    [Fact]
    public void A_save_that_needs_a_new_id_fails_after_the_timeout_naming_the_counter_and_writes_nothing()
    {
        var counter = Folder.Combine(FilesystemStore.CounterFileName);
        using var store = new FilesystemStore(Folder.Path, Options);
        var first = store.Save(Samples.Executable("first"));
        var counterBefore = File.ReadAllBytes(counter);
        var executable = Samples.Executable("second");

        using (LockHoldingProcess.Lock(counter))
        {
            var error = TimedOut(() => store.Save(executable));
            AssertNamesTheLock(error, counter, "no new IDs were reserved");
        }

        Assert.Null(executable.PersistentId);
        Assert.Equal(counterBefore, File.ReadAllBytes(counter));
        Assert.Equal([first], store.List());
        Assert.Empty(Directory.GetFiles(Folder.Path, ".*.tmp"));

        var second = store.Save(executable);
        Assert.Equal([first, second], store.List());
    }

    [Fact]
    public void A_load_that_waits_for_a_commit_another_process_holds_fails_after_the_timeout_rather_than_call_the_record_missing()
    {
        // A commit another process left in flight (stopped past its commit point): the record's temporary and the journal
        // naming it, whose lock the process holds.
        Id id;
        byte[] record;
        using (var writer = new FilesystemStore(Folder.Path))
        {
            id = writer.Save(Samples.Executable("in flight"));
            record = File.ReadAllBytes(writer.PathOf(id));
            File.Delete(writer.PathOf(id));
        }

        var temporary = $".{id}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(Folder.Combine(temporary), record);
        var inode = LinuxFiles.InodeOf(Folder.Combine(temporary)).ToString(CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Folder.Combine(JournalDirectory.FolderName));
        var journal = Path.Join(Folder.Combine(JournalDirectory.FolderName), $"{Guid.NewGuid():N}.journal");
        File.WriteAllText(journal, $"gc3-commit 1\n{id}\t{temporary}\t{inode}\t0\nend 1\n");

        using (var holder = LockHoldingProcess.Lock(journal))
        {
            using var store = new FilesystemStore(Folder.Path, Options);
            var watch = Stopwatch.StartNew();
            var error = Assert.Throws<LoadException>(() => store.Load<Executable>(id));
            Assert.InRange(watch.Elapsed, Timeout, Timeout + TimeSpan.FromSeconds(10));

            // Before, after 30 s the load said there was no such record, while the stopped commit was about to put it in place.
            Assert.DoesNotContain("no such record", error.Message, StringComparison.Ordinal);
            Assert.Contains(id.ToString(), error.Message, StringComparison.Ordinal);
            Assert.Contains(journal, error.Message, StringComparison.Ordinal);
            Assert.Contains("over 1 s", error.Message, StringComparison.Ordinal);
            Assert.Contains("cannot tell whether the record exists", error.Message, StringComparison.Ordinal);
            Assert.IsType<IOException>(error.InnerException);
            Assert.True(File.Exists(journal));

            // The holder ends: recovery finishes its commit, and the load finds the record.
            holder.Kill();
            Assert.Equal("in flight", store.Load<Executable>(id).Path);
        }

        Assert.False(File.Exists(journal));
    }

    [Fact]
    public async Task Another_thread_holding_the_write_lock_past_the_timeout_is_a_StoreException_too()
    {
        using var writeLock = new RecordWriteLock(Folder.Path, Timeout);
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = Task.Factory.StartNew(
            () =>
            {
                using (writeLock.Enter())
                {
                    held.Set();
                    release.Wait();
                }
            },
            TaskCreationOptions.LongRunning);
        held.Wait();

        var waited = Stopwatch.StartNew();
        var error = Assert.Throws<StoreException>(() => writeLock.Enter());
        waited.Stop();
        release.Set();
        await holder;

        Assert.Contains("Another thread of this process", error.Message, StringComparison.Ordinal);
        Assert.Contains("StoreOptions.LockTimeout", error.Message, StringComparison.Ordinal);
        Assert.InRange(waited.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(20));
        using (writeLock.Enter())
        {
            // free again once the other thread let go
        }
    }

    [Fact]
    public void Without_a_holder_the_short_timeout_changes_nothing()
    {
        using var store = new FilesystemStore(Folder.Path, Options);
        var job = Samples.Job("free");
        var id = store.Save(job);
        job.Cores = 5;
        store.Save(job);
        store.Remove(id);

        Assert.Throws<RecordNotFoundException>(() => store.Load<Job>(id)); // missing: no commit in flight, no wait
        Assert.Equal(Timeout, store.Options.LockTimeout);
    }

    [Fact]
    public void The_lock_timeout_is_positive_or_infinite()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), new StoreOptions().LockTimeout);
        Assert.Equal(System.Threading.Timeout.InfiniteTimeSpan, new StoreOptions { LockTimeout = System.Threading.Timeout.InfiniteTimeSpan }.LockTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(1), new StoreOptions { LockTimeout = TimeSpan.FromMilliseconds(1) }.LockTimeout);
        foreach (var wrong in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(-1), TimeSpan.MinValue })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StoreOptions { LockTimeout = wrong });
            Assert.Equal(nameof(StoreOptions.LockTimeout), error.ParamName);
        }
    }

    // The operation throws a StoreException after waiting the timeout, not at once and not much longer.
    private static StoreException TimedOut(Action operation)
    {
        var watch = Stopwatch.StartNew();
        var error = Assert.ThrowsAny<StoreException>(operation);
        Assert.InRange(watch.Elapsed, Timeout, Timeout + TimeSpan.FromSeconds(10));
        Assert.IsNotType<ConcurrencyException>(error);
        return error;
    }

    private static void AssertNamesTheLock(StoreException error, string path, string outcome)
    {
        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Another process", error.Message, StringComparison.Ordinal);
        Assert.Contains("for over 1 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("StoreOptions.LockTimeout", error.Message, StringComparison.Ordinal);
        Assert.Contains(outcome, error.Message, StringComparison.Ordinal);
        Assert.Contains("resume or end it", error.Message, StringComparison.Ordinal);
        var inner = Assert.IsType<IOException>(error.InnerException);
        Assert.Contains($"'{path}'", inner.Message, StringComparison.Ordinal);
    }
}
