using System.Diagnostics;
using Gc3.Persistence.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gc3.Persistence.Tests;

/// <summary>
/// The file store's version check from the file side: writers that each have a store of their own lose no update,
/// the write lock is waited for and never followed through a link, and a refused save leaves nothing behind.
/// (The checks every store shares are in StoreContractTests.Concurrency; processes are in FileStoreCrashTests.)
/// </summary>
public sealed class FileStoreConcurrencyTests() : TemporaryDirectoryTests("file-concurrency")
{
    [Fact]
    public void Threads_with_stores_of_their_own_incrementing_one_object_lose_no_increment()
    {
        const int Threads = 4, Each = 50;
        Id id;
        using (var store = new FilesystemStore(Folder.Path))
        {
            var job = Samples.Job("counted");
            job.Cores = 0;
            id = store.Save(job);
        }

        var conflicts = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
        {
            using var store = new FilesystemStore(Folder.Path);
            for (var i = 0; i < Each; i++)
            {
                while (true)
                {
                    store.InvalidateCache();
                    var job = store.Load<Job>(id);
                    job.Cores++;
                    try
                    {
                        store.Save(job);
                        break;
                    }
                    catch (ConcurrencyException)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        });

        using var check = new FilesystemStore(Folder.Path);
        Assert.Equal(Threads * Each, check.Load<Job>(id).Cores);
        Assert.Empty(Directory.GetFiles(Folder.Path, ".*.tmp"));
    }

    [Fact]
    public void A_save_that_replaces_a_record_waits_for_the_write_lock_another_holder_has()
    {
        using var store = new FilesystemStore(Folder.Path);
        var job = Samples.Job("waiting");
        store.Save(job);

        SaveWhileAnotherHoldsTheWriteLock(store, job);
    }

    [Fact]
    public void A_write_lock_file_removed_while_a_store_has_it_open_still_keeps_writers_apart()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var store = new FilesystemStore(Folder.Path);
        var job = Samples.Job("relocked");
        store.Save(job);
        job.Cores = 5;
        store.Save(job); // the store has opened the lock file

        // Someone takes it for a stale lock and removes it; the next writer creates another.
        File.Delete(Path.Join(Folder.Path, RecordWriteLock.FileName));

        SaveWhileAnotherHoldsTheWriteLock(store, job);
    }

    [Fact]
    public async Task A_save_that_waited_for_a_writer_who_died_after_its_commit_point_is_not_undone_by_the_recovery()
    {
        Id id;
        using (var first = new FilesystemStore(Folder.Path))
        {
            id = first.Save(new Node { Name = "base" });
        }

        // The other writer's record for the same ID, as its commit leaves it before putting it in place.
        var path = Path.Join(Folder.Path, id.ToString());
        var checkedVersion = (long)RecordFingerprint.Of(File.ReadAllBytes(path));
        var temporary = $".{id}.{Guid.NewGuid():N}.tmp";
        using (var scratch = new FilesystemStore(Folder.Combine("scratch")))
        {
            scratch.Replace(id, new Node { Name = "theirs" });
            File.Copy(scratch.PathOf(id), Folder.Combine(temporary));
        }

        using var store = new FilesystemStore(Folder.Path);
        var mine = store.Load<Node>(id);
        mine.Name = "mine";

        // The other writer checks the record under the write lock; this save writes its temporary meanwhile and waits
        // for the lock; the writer writes its journal (the commit point) and dies before putting its record in place.
        using var die = new ManualResetEventSlim();
        var writer = StartWriteLockHolder(die, writeLock =>
        {
            var journals = new JournalDirectory(Folder.Path, durable: false, NullLogger.Instance, new RecordRenamer(), writeLock);
            journals.Write([new JournalEntry(id.ToString(), temporary, LinuxFiles.Available ? LinuxFiles.InodeOf(Folder.Combine(temporary)) : 0, Version: checkedVersion)]).Dispose();
        });
        var saving = Task.Run(() => store.Save(mine));
        while (!saving.IsCompleted && Directory.GetFiles(Folder.Path, $".{id}.*.tmp").Length < 2)
        {
            Thread.Sleep(1);
        }

        die.Set();
        await saving; // acknowledged: the record it checked was the one it had loaded
        writer.Join();

        using var reopened = new FilesystemStore(Folder.Path); // finishes the dead writer's commit
        Assert.Equal("mine", reopened.Load<Node>(id).Name);
    }

    [Fact]
    public void A_record_removed_after_a_writer_died_past_its_commit_point_stays_removed()
    {
        Id id;
        using (var first = new FilesystemStore(Folder.Path))
        {
            id = first.Save(new Node { Name = "base" });
        }

        var checkedVersion = (long)RecordFingerprint.Of(File.ReadAllBytes(Path.Join(Folder.Path, id.ToString())));
        var temporary = $".{id}.{Guid.NewGuid():N}.tmp";
        using (var scratch = new FilesystemStore(Folder.Combine("scratch")))
        {
            scratch.Replace(id, new Node { Name = "theirs" });
            File.Copy(scratch.PathOf(id), Folder.Combine(temporary));
        }

        using var store = new FilesystemStore(Folder.Path);

        // The writer's journal (the commit point), and its death before it put the record in place.
        var journals = new JournalDirectory(Folder.Path, durable: false, NullLogger.Instance, new RecordRenamer(), new RecordWriteLock(Folder.Path));
        journals.Write([new JournalEntry(id.ToString(), temporary, LinuxFiles.Available ? LinuxFiles.InodeOf(Folder.Combine(temporary)) : 0, Version: checkedVersion)]).Dispose();
        store.Remove(id);

        using var reopened = new FilesystemStore(Folder.Path); // finishes the dead writer's commit
        Assert.DoesNotContain(id, reopened.List());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("//")]
    [InlineData("/./")]
    public void A_store_opened_with_a_trailing_separator_is_the_same_place_as_one_opened_without(string tail)
    {
        using var plain = new FilesystemStore(Folder.Path);
        using var trailing = new FilesystemStore(Folder.Path + tail);
        var id = plain.Save(Samples.Job("one place"));
        var job = plain.Load<Job>(id);

        job.Cores = 9;
        trailing.Save(job); // before, refused: the object "belonged to" file:///path, not to file:///path/
        job.Cores = 10;
        plain.Save(job);

        Assert.Equal(plain.Directory, trailing.Directory);
        Assert.Equal(10, new FilesystemStore(Folder.Path).Load<Job>(id).Cores);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(300)]
    public void A_record_file_replaced_by_something_else_between_load_and_save_is_a_conflict_and_stays(int length)
    {
        using var store = new FilesystemStore(Folder.Path);
        var id = store.Save(Samples.Job("replaced"));
        var job = store.Load<Job>(id);
        var other = new byte[length];
        Random.Shared.NextBytes(other);
        File.WriteAllBytes(store.PathOf(id), other);

        job.Cores = 1;
        Assert.Throws<ConcurrencyException>(() => store.Save(job));

        Assert.Equal(other, File.ReadAllBytes(store.PathOf(id)));
        Assert.Empty(Directory.GetFiles(Folder.Path, ".*.tmp"));
    }

    [Theory]
    [InlineData("link")]
    [InlineData("fifo")]
    [InlineData("directory")]
    public void A_write_lock_that_is_not_a_regular_file_is_refused_naming_it_and_nothing_is_written(string what)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var lockPath = Path.Join(Folder.Path, RecordWriteLock.FileName);
        var outside = Folder.Combine("outside");
        File.WriteAllText(outside, "not the store's");
        Id id;
        using (var first = new FilesystemStore(Folder.Path))
        {
            id = first.Save(Samples.Job("kept"));
        }

        switch (what)
        {
            case "link":
                File.CreateSymbolicLink(lockPath, outside);
                break;
            case "fifo":
                using (var mkfifo = Process.Start("mkfifo", [lockPath]))
                {
                    mkfifo.WaitForExit();
                }

                break;
            default:
                Directory.CreateDirectory(lockPath);
                break;
        }

        using var store = new FilesystemStore(Folder.Path);
        var job = store.Load<Job>(id);
        job.Cores = 99;
        var e = Assert.ThrowsAny<IOException>(() => store.Save(job));
        Assert.Contains(lockPath, e.Message, StringComparison.Ordinal);
        Assert.Contains("write lock", e.Message, StringComparison.Ordinal);
        Assert.Equal("not the store's", File.ReadAllText(outside));
        Assert.Equal(4, new FilesystemStore(Folder.Path).Load<Job>(id).Cores);
        Assert.Empty(Directory.GetFiles(Folder.Path, ".*.tmp"));

        // New records need no lock: their rename never replaces a file.
        var added = store.Save(Samples.Job("new"));
        Assert.Equal("new", new FilesystemStore(Folder.Path).Load<Job>(added).Name);
    }

    [Fact]
    public void A_refused_graph_save_leaves_no_temporary_and_no_journal()
    {
        using var first = new FilesystemStore(Folder.Path);
        using var second = new FilesystemStore(Folder.Path);
        var collection = new JobCollection { Name = "batch", Jobs = [Samples.Job("a"), Samples.Job("b")] };
        first.Save(collection);
        var theirs = second.Load<Job>(collection.Jobs[0].PersistentId!);
        theirs.Cores = 2;
        second.Save(theirs);

        collection.Name = "renamed";
        collection.Jobs[0].Cores = 3;
        collection.Jobs.Add(Samples.Job("c"));
        Assert.Throws<ConcurrencyException>(() => first.Save(collection));

        Assert.Empty(Directory.GetFiles(Folder.Path, ".*.tmp"));
        var journals = Path.Join(Folder.Path, JournalDirectory.FolderName);
        Assert.True(!Directory.Exists(journals) || Directory.GetFiles(journals).Length == 0);
        using var check = new FilesystemStore(Folder.Path);
        Assert.Equal("batch", check.Load<JobCollection>(collection.PersistentId!).Name);
        Assert.Equal(2, check.Load<Job>(theirs.PersistentId!).Cores);
        Assert.Equal(5, check.List().Count); // the collection, two jobs and their executables
    }

    // Another holder (a lock of its own on the lock file the name gives now) holds the write lock while the store saves
    // job with 12 cores: the save must wait for the release to put its record in place.
    private void SaveWhileAnotherHoldsTheWriteLock(FilesystemStore store, Job job)
    {
        var released = false;
        using var saving = new ManualResetEventSlim();
        var holder = StartWriteLockHolder(saving, _ =>
        {
            Thread.Sleep(200); // the save below is meanwhile waiting; if it did not wait, it returned before the release
            Volatile.Write(ref released, true);
        });

        job.Cores = 12;
        saving.Set();
        store.Save(job);

        Assert.True(Volatile.Read(ref released), "the save put its record in place while another holder had the write lock");
        holder.Join();
        using var check = new FilesystemStore(Folder.Path);
        Assert.Equal(12, check.Load<Job>(job.PersistentId!).Cores);
    }

    // A thread holding the write lock through a lock of its own on the lock file, as another writer does: once
    // 'release' is set it runs 'beforeReleasing' with the lock still held, then lets it go. Returns once it holds it.
    private Thread StartWriteLockHolder(ManualResetEventSlim release, Action<RecordWriteLock> beforeReleasing)
    {
        var held = new TaskCompletionSource();
        var holder = new Thread(() =>
        {
            using var writeLock = new RecordWriteLock(Folder.Path);
            var scope = writeLock.Enter();
            held.SetResult();
            release.Wait();
            beforeReleasing(writeLock);
            scope.Dispose();
        });
        holder.Start();
        held.Task.Wait();
        return holder;
    }
}
