using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gc3.Persistence.Tests;

/// <summary>
/// A save of several records on the file store is one commit: failures before and after its commit
/// point, recovery of a commit whose writer died, and readers that meet a commit in flight.
/// </summary>
public sealed class GraphCommitTests() : TemporaryDirectoryTests("graph-commit")
{
    [Fact]
    public void A_graph_save_that_fails_after_writing_some_records_leaves_nothing_and_a_retry_saves_a_graph_that_loads()
    {
        using var store = new FilesystemStore(Folder.Path);
        File.WriteAllText(Folder.Combine(FilesystemStore.CounterFileName), "1");
        var chain = Chain("a", "b", "c", "d"); // Node.1 .. Node.4, written d, c, b, a
        Directory.CreateDirectory(Folder.Combine("Node.2")); // b's place is taken

        Assert.ThrowsAny<IOException>(() => store.Save(chain[0]));

        Assert.All(chain, n => Assert.Null(n.PersistentId)); // nothing was committed, so the IDs are given back
        Assert.Empty(store.List());
        Assert.Empty(Directory.GetFiles(Folder.Path, ".*.tmp"));

        Directory.Delete(Folder.Combine("Node.2"));
        var id = store.Save(chain[0]);

        using var reopened = new FilesystemStore(Folder.Path);
        Assert.Equal(["a", "b", "c", "d"], Walk(reopened.Load<Node>(id)));
        Assert.Equal(4, reopened.List().Count);
        Assert.DoesNotContain(reopened.List(), i => i.SeqNo <= 4); // the IDs of the failed save are not reused
    }

    [Fact]
    public void A_graph_save_that_fails_while_putting_records_in_place_is_undone_and_a_retry_saves_it_whole()
    {
        using var store = new FilesystemStore(Folder.Path);
        var chain = Chain("a1", "b1", "c1");
        var id = store.Save(chain[0]);
        var before = chain.Select(n => File.ReadAllBytes(store.PathOf(n.PersistentId!))).ToList();

        // The commit fails after the new node and c were put in place: they are taken back.
        if (!TrySaveUpdateWithBBlocked(store, chain, out var d, out var failure))
        {
            return;
        }

        Assert.NotNull(failure);
        Assert.Null(d.PersistentId);
        Assert.Equal(before, chain.Select(n => File.ReadAllBytes(store.PathOf(n.PersistentId!))));
        Assert.Equal(3, store.List().Count);
        Assert.Empty(Directory.GetFiles(Folder.Path, ".*.tmp"));
        Assert.Empty(Directory.GetFiles(Folder.Combine(JournalDirectory.FolderName)));

        store.Save(chain[0]);

        using var reopened = new FilesystemStore(Folder.Path);
        Assert.Equal(["a2", "b2", "c2", "d2"], Walk(reopened.Load<Node>(id)));
    }

    [Fact]
    public void A_graph_save_whose_undo_fails_too_says_the_store_finishes_it_and_its_objects_keep_their_ids()
    {
        using var store = new FilesystemStore(Folder.Path);
        var chain = Chain("a1", "b1", "c1");
        var id = store.Save(chain[0]);

        // As on a file system that cannot exchange two files (RENAME_EXCHANGE): c's new record is renamed over its old one,
        // which cannot be undone; then b's file cannot be replaced (immutable). The commit is past its journal, c and the new
        // node d are in place, b and a are not, and c cannot be put back.
        store.Renamer.ExchangeUnsupported();
        var blocked = store.PathOf(chain[1].PersistentId!);
        if (!TrySaveUpdateWithBBlocked(store, chain, out var d, out var failure))
        {
            return;
        }

        var e = Assert.IsType<StoreException>(failure);

        // Before, the caller got the file system's error alone, as for a save that wrote nothing, and d lost its ID: its
        // record was put in place all the same, and the next save gave d a second one.
        Assert.Contains("could not be put back either", e.Message, StringComparison.Ordinal);
        Assert.Contains("the store finishes the save when it is next opened", e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(blocked), e.Message, StringComparison.Ordinal);
        Assert.True(e.InnerException is IOException or UnauthorizedAccessException, e.InnerException?.ToString());
        Assert.NotNull(d.PersistentId);
        Assert.Single(Directory.GetFiles(Folder.Combine(JournalDirectory.FolderName), "*.journal"));

        using (var reopened = new FilesystemStore(Folder.Path))
        {
            Assert.Equal(["a2", "b2", "c2", "d2"], Walk(reopened.Load<Node>(id)));
            Assert.Equal(4, reopened.List().Count);
            Assert.Equal(d.PersistentId, reopened.Load<Node>(id).Next!.Next!.Next!.PersistentId);
        }

        Assert.Empty(Directory.GetFiles(Folder.Combine(JournalDirectory.FolderName)));
        Assert.Empty(Directory.GetFiles(Folder.Path, ".*.tmp"));
    }

    [Fact]
    public void A_commit_whose_writer_died_after_its_journal_is_finished_when_the_store_is_next_opened()
    {
        var entries = PrepareCommit(["x", "y", "z"], out var ids, out var journals);
        journals.Write(entries).Dispose(); // the writer dies: its lock is gone, its journal stays
        Assert.All(ids, id => Assert.False(File.Exists(Path.Join(Folder.Path, id.ToString()))));

        using var store = new FilesystemStore(Folder.Path);

        Assert.Equal(["x", "y", "z"], Walk(store.Load<Node>(ids[0])));
        Assert.Empty(Directory.GetFiles(Folder.Combine(JournalDirectory.FolderName)));
        Assert.Empty(Directory.GetFiles(Folder.Path, ".*.tmp"));
    }

    [Fact]
    public async Task A_reader_that_misses_a_record_of_a_commit_in_flight_waits_for_it()
    {
        using var store = new FilesystemStore(Folder.Path);
        var entries = PrepareCommit(["p", "q"], out var ids, out var journals);
        var journal = journals.Write(entries); // held: a writer in the middle of its commit
        var load = Task.Run(() => store.Load<Node>(ids[0]));
        Thread.Sleep(300);
        Assert.False(load.IsCompleted);

        journal.Dispose(); // the writer dies without putting anything in place: the reader finishes the commit

        Assert.Equal(["p", "q"], Walk(await load.WaitAsync(TimeSpan.FromSeconds(30))));
    }

    [Fact]
    public void Recovery_leaves_a_record_saved_after_the_interrupted_commit_as_it_is()
    {
        var entries = PrepareCommit(["old"], out var ids, out var journals);
        journals.Write(entries).Dispose();
        Thread.Sleep(50); // the file system's clock is coarse
        var later = new Node { Name = "later" };
        var path = Path.Join(Folder.Path, ids[0].ToString());
        using (var scratch = new FilesystemStore(Folder.Combine("later")))
        {
            scratch.Save(later);
            File.WriteAllBytes(path, File.ReadAllBytes(scratch.PathOf(later.PersistentId!)));
        }

        using var store = new FilesystemStore(Folder.Path);

        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(Folder.Combine("later", later.PersistentId!.ToString())));
    }

    [Fact]
    public void A_journal_naming_files_outside_the_store_or_not_records_is_ignored()
    {
        var folder = Directory.CreateDirectory(Folder.Combine(JournalDirectory.FolderName)).FullName;
        var outside = Folder.Combine("outside.txt");
        File.WriteAllText(outside, "keep");
        File.WriteAllText(Folder.Combine(".Node.1.00000000000000000000000000000000.tmp"), "x");
        File.WriteAllText(Path.Join(folder, "a.journal"), "gc3-commit 1\n../outside.txt\t.Node.1.00000000000000000000000000000000.tmp\t0\nend 1\n");
        File.WriteAllText(Path.Join(folder, "b.journal"), "gc3-commit 1\nNode.01\t.Node.1.00000000000000000000000000000000.tmp\t0\nend 1\n");

        using var store = new FilesystemStore(Folder.Path);

        Assert.Equal("keep", File.ReadAllText(outside));
        Assert.Empty(store.List());
        Assert.Equal(2, Directory.GetFiles(folder).Length);
        Assert.Contains("no such record", Assert.Throws<RecordNotFoundException>(() => store.Load(Id.Parse("Node.1"))).Message); // looks once more, not forever
    }

    [Fact]
    public void A_sparse_journal_of_256_MiB_is_ignored_after_reading_a_few_kilobytes_and_kept()
    {
        // A hole of 256 MiB named like a journal takes no disk; read whole, it cost every open and every missed load 256 MiB.
        var folder = Directory.CreateDirectory(Folder.Combine(JournalDirectory.FolderName)).FullName;
        var sparse = Path.Join(folder, "sparse.journal");
        using (var file = File.OpenHandle(sparse, FileMode.CreateNew, FileAccess.Write))
        {
            RandomAccess.SetLength(file, 256L << 20);
        }

        // The same after a journal's first lines: a hole where the rest should be.
        var holed = Path.Join(folder, "holed.journal");
        File.WriteAllText(holed, "gc3-commit 1\nNode.1\t.Node.1.00000000000000000000000000000000.tmp\t0\n");
        using (var file = File.OpenHandle(holed, FileMode.Open, FileAccess.Write))
        {
            RandomAccess.SetLength(file, 256L << 20);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        using var store = new FilesystemStore(Folder.Path);
        Assert.Contains("no such record", Assert.Throws<RecordNotFoundException>(() => store.Load(Id.Parse("Node.1"))).Message);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 16 << 20, $"opening the store and a load allocated {allocated} bytes");
        Assert.Equal(256L << 20, new FileInfo(sparse).Length); // ignored, not removed: it is not the store's to judge
        Assert.Equal(256L << 20, new FileInfo(holed).Length);
    }

    [Fact]
    public void A_journal_with_anything_after_its_end_line_or_a_last_line_without_its_newline_is_ignored()
    {
        var folder = Directory.CreateDirectory(Folder.Combine(JournalDirectory.FolderName)).FullName;
        var temporary = ".Node.1.00000000000000000000000000000000.tmp";
        File.WriteAllText(Folder.Combine(temporary), "x");
        File.WriteAllText(Path.Join(folder, "a.journal"), $"gc3-commit 1\nNode.1\t{temporary}\t0\nend 1\nend 1\n");
        File.WriteAllText(Path.Join(folder, "b.journal"), $"gc3-commit 1\nNode.1\t{temporary}\t0\nend 1");
        File.WriteAllText(Path.Join(folder, "c.journal"), $"gc3-commit 1\nNode.1\t{temporary}\t0\nend 2\n");

        using var store = new FilesystemStore(Folder.Path);

        Assert.Empty(store.List());
        Assert.True(File.Exists(Folder.Combine(temporary)));
        Assert.Equal(3, Directory.GetFiles(folder).Length);
    }

    private static List<Node> Chain(params string[] names)
    {
        var nodes = names.Select(n => new Node { Name = n }).ToList();
        for (var i = 0; i + 1 < nodes.Count; i++)
        {
            nodes[i].Next = nodes[i + 1];
        }

        return nodes;
    }

    private static List<string> Walk(Node node)
    {
        var names = new List<string>();
        for (var n = node; n is not null; n = n.Next)
        {
            names.Add(n.Name);
        }

        return names;
    }

    // The temporaries of a commit of a chain, written by a store elsewhere and copied in as a writer leaves them before its journal.
    private List<JournalEntry> PrepareCommit(string[] names, out List<Id> ids, out JournalDirectory journals)
    {
        var chain = Chain(names);
        var entries = new List<JournalEntry>();
        using (var scratch = new FilesystemStore(Folder.Combine("scratch-" + Guid.NewGuid().ToString("N"))))
        {
            scratch.Save(chain[0]);
            foreach (var node in chain)
            {
                var final = node.PersistentId!.ToString();
                var temporary = $".{final}.{Guid.NewGuid():N}.tmp";
                File.Copy(scratch.PathOf(node.PersistentId!), Path.Join(Folder.Path, temporary));
                entries.Add(new JournalEntry(final, temporary, LinuxFiles.Available ? LinuxFiles.InodeOf(Path.Join(Folder.Path, temporary)) : 0));
            }
        }

        ids = [.. chain.Select(n => n.PersistentId!)];
        journals = new JournalDirectory(Folder.Path, durable: false, NullLogger.Instance, new RecordRenamer(), new RecordWriteLock(Folder.Path));
        return entries;
    }

    // Updates the chain a1, b1, c1 to a2, b2, c2 with a new node d2 at its end, and saves it while b's file cannot be replaced
    // (immutable): the commit fails when it comes to b, after d and c are in place. False when the file cannot be made
    // immutable (chattr needs root and a file system with the flag: ext4, xfs, btrfs).
    private static bool TrySaveUpdateWithBBlocked(FilesystemStore store, List<Node> chain, out Node d, out Exception? failure)
    {
        d = new Node { Name = "d2" };
        chain[2].Next = d;
        chain[0].Name = "a2";
        chain[1].Name = "b2";
        chain[2].Name = "c2";
        var blocked = store.PathOf(chain[1].PersistentId!);
        failure = null;
        if (!SetImmutable(blocked, true))
        {
            return false;
        }

        try
        {
            failure = Record.Exception(() => store.Save(chain[0]));
        }
        finally
        {
            SetImmutable(blocked, false);
        }

        return true;
    }

    private static bool SetImmutable(string path, bool immutable)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/chattr"))
        {
            return false;
        }

        using var chattr = Process.Start(new ProcessStartInfo("/usr/bin/chattr", [immutable ? "+i" : "-i", path]) { RedirectStandardError = true, UseShellExecute = false })!;
        chattr.WaitForExit();
        return chattr.ExitCode == 0;
    }
}
