namespace Gc3.Persistence.Tests;

/// <summary>What is particular to the file store: files, change tracking seen on disk, crashes.</summary>
public sealed class FilesystemStoreTests() : TemporaryDirectoryTests("file-store")
{
    [Fact]
    public void Each_record_is_a_file_named_after_its_id_and_temporaries_are_not_listed()
    {
        using var store = new FilesystemStore(Folder.Path);
        var id = store.Save(Samples.Job("file"));
        File.WriteAllText(Folder.Combine($".{id}.0123.tmp"), "left by a crash");
        File.WriteAllText(Folder.Combine("notes.txt"), "not a record");

        Assert.True(File.Exists(store.PathOf(id)));
        Assert.Equal(Folder.Path, Path.GetDirectoryName(store.PathOf(id)));
        Assert.Equal(2, store.List().Count); // the job and its executable
    }

    [Fact]
    public void A_RemoveMany_that_fails_part_way_leaves_the_store_knowing_what_it_removed()
    {
        // The file store removes one file after the other: a directory where a record goes stops it after the first.
        using var store = new FilesystemStore(Folder.Path);
        var first = Samples.Job("first");
        var last = Samples.Job("last");
        var ids = store.SaveMany([first, last]);
        var blocked = new Id("Job", 999_999);
        Directory.CreateDirectory(store.PathOf(blocked));

        var e = Assert.Throws<IOException>(() => store.RemoveMany([ids[0], blocked, ids[1]]));
        Assert.Contains(store.PathOf(blocked), e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(store.PathOf(ids[0])));
        Assert.True(File.Exists(store.PathOf(ids[1])));

        // The removed record is gone for this store too (it gave the object back from its identity map), and the object,
        // removed by this store itself, saves again as after a Remove: before, that save was refused as changed by someone else.
        Assert.Throws<RecordNotFoundException>(() => store.Load(ids[0]));
        first.Cores = 5;
        Assert.Equal(ids[0], store.Save(first));
        Assert.Same(last, store.Load(ids[1]));
        using var fresh = new FilesystemStore(Folder.Path);
        Assert.Equal(5, fresh.Load<Job>(ids[0]).Cores);
    }

    [Fact]
    public async Task Removes_do_not_look_at_the_token_so_a_RemoveMany_is_never_stopped_part_way()
    {
        // docs/stores.md, Cancellation: each removal is one unlink; a RemoveManyAsync that stopped at the token
        // would leave some records removed and others not, and say it removed nothing.
        using var store = new FilesystemStore(Folder.Path);
        var ids = store.SaveMany([Samples.Job("a"), Samples.Job("b"), Samples.Job("c")]);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await store.RemoveManyAsync(ids.Take(2), cancelled.Token);
        await store.RemoveAsync(ids[2], cancelled.Token);

        Assert.All(ids, id => Assert.False(File.Exists(store.PathOf(id))));
        Assert.Equal(3, store.Count()); // the three executables
    }

    [Fact]
    public void With_CreateIfMissing_off_a_missingFolder_is_an_error_and_nothing_is_created()
    {
        var directory = Folder.Combine("not-yet");
        var e = Assert.Throws<StoreNotFoundException>(() => new FilesystemStore(directory, new StoreOptions { CreateIfMissing = false }));
        Assert.Contains($"the directory '{directory}' does not exist", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory));

        using (var created = new FilesystemStore(directory))
        {
            created.Save(Samples.Job("created"));
        }

        using var existing = new FilesystemStore(directory, new StoreOptions { CreateIfMissing = false });
        Assert.Equal(2, existing.List().Count); // the job and its executable
    }

    [Fact]
    public async Task Loading_a_record_does_not_write_its_access_time()
    {
        using var store = new FilesystemStore(Folder.Path);
        var id = store.Save(Samples.Job("read me"));
        var control = Folder.Combine("control.txt");
        File.WriteAllText(control, "read the usual way");
        var longAgo = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc); // older than a day: relatime updates it on a read
        File.SetLastAccessTimeUtc(store.PathOf(id), longAgo);
        File.SetLastAccessTimeUtc(control, longAgo);

        File.ReadAllBytes(control);
        if (File.GetLastAccessTimeUtc(control) == longAgo)
        {
            return; // a file system mounted noatime (or not Linux's): no read writes an access time here, so there is nothing to see
        }

        store.InvalidateCache();
        Assert.Equal("read me", store.Load<Job>(id).Name);
        store.InvalidateCache();
        Assert.Equal("read me", (await store.LoadAsync<Job>(id)).Name);

        Assert.Equal(longAgo, File.GetLastAccessTimeUtc(store.PathOf(id)));
    }

    [Fact]
    public void A_process_that_does_not_own_the_records_loads_them_the_usual_way()
    {
        // The kernel refuses O_NOATIME (EPERM) to a process that does not own the file; the store must
        // then open it without the flag. Only root can run the worker as another user.
        const int nobody = 65534;
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/bin/setpriv"))
        {
            return;
        }

        var storeDirectory = Folder.Combine("store");
        Id id;
        using (var store = new FilesystemStore(storeDirectory))
        {
            id = store.Save(Samples.Job("owned by root"));
        }

        // The worker's build and the store, readable by everyone (as the store's files of another account would be), writable by root only.
        var worker = Folder.CopyIn(WorkerProcess.WorkerDirectory, "worker");
        const UnixFileMode readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        const UnixFileMode traversable = readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(Folder.Path, traversable);
        foreach (var directory in new[] { storeDirectory, worker })
        {
            File.SetUnixFileMode(directory, traversable);
            foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
            {
                File.SetUnixFileMode(file, readable);
            }
        }

        using var process = WorkerProcess.StartAsUser(nobody, worker, "load", $"file://{storeDirectory}", id.ToString());
        Assert.Equal(["type Gc3.Persistence.TestModel.Job"], process.ReadToEnd());
    }

    [Fact]
    public void List_gives_the_ids_of_every_prefix_in_id_order_and_nothing_else()
    {
        using var store = new FilesystemStore(Folder.Path);
        var jobs = Enumerable.Range(0, 12).Select(i => Samples.Job($"j{i}")).ToList();
        foreach (var job in jobs)
        {
            store.Save(job);
        }

        // IDs chosen by hand, with other prefixes and numbers that sort differently as text.
        var chosen = new[] { new Id("A", 10), new Id("A", 9), new Id("a", 2), new Id("zz", 100), new Id("zz", 11) };
        foreach (var id in chosen)
        {
            var job = Samples.Job(id.ToString());
            store.Replace(id, job);
            jobs.Add(job);
        }

        File.WriteAllText(Folder.Combine("notes.txt"), "not a record");
        File.WriteAllText(Folder.Combine("job.x1"), "not a record");
        Directory.CreateDirectory(Folder.Combine("job.5"));

        var expected = jobs.SelectMany(j => new[] { j.PersistentId!, j.Executable!.PersistentId! }).ToList();
        expected.Sort();
        Assert.Equal(expected, store.List());
        Assert.Equal(["A.9", "A.10"], store.List().Take(2).Select(id => id.ToString())); // ordinal: 'A' < 'E' < 'J' < 'a'
        Assert.Equal(["a.2", "zz.11", "zz.100"], store.List().TakeLast(3).Select(id => id.ToString()));
    }

    [Fact]
    public void List_by_type_leaves_out_a_record_it_cannot_read_with_a_warning_naming_it()
    {
        // docs/stores.md: the file store reads each record to learn its tag, and leaves out, with a warning, one
        // whose header is damaged or that is larger than StoreOptions.MaxRecordBytes; loading it says why.
        var log = new CapturingLoggerFactory(Microsoft.Extensions.Logging.LogLevel.Warning);
        Id sound, damaged, large;
        using (var writer = new FilesystemStore(Folder.Path))
        {
            sound = writer.Save(Samples.Job("sound"));
            damaged = writer.Save(Samples.Job("damaged"));
            var big = Samples.Job("large");
            big.Arguments.Add(new string('x', 2048));
            large = writer.Save(big);
        }

        var path = Path.Combine(Folder.Path, damaged.ToString());
        var bytes = File.ReadAllBytes(path);
        bytes[0] ^= 0xFF; // the magic
        File.WriteAllBytes(path, bytes);
        using var store = new FilesystemStore(Folder.Path, new StoreOptions { LoggerFactory = log, MaxRecordBytes = 1024 });

        Assert.Equal([sound], store.List<Job>());
        Assert.Contains(log.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Event.Id == StoreLogEvents.Skipped.Id && e.Message.Contains($"skips the record {damaged}", StringComparison.Ordinal));
        Assert.Contains(log.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Event.Id == StoreLogEvents.Skipped.Id && e.Message.Contains($"skips the record {large}", StringComparison.Ordinal));
        Assert.Equal(damaged, Assert.Throws<LoadException>(() => store.Load(damaged)).Id);
        Assert.Contains("MaxRecordBytes", Assert.Throws<LoadException>(() => store.Load(large)).Message, StringComparison.Ordinal);
        Assert.Equal(6, store.List().Count); // List() reads names only: all three jobs and their executables
    }

    [Fact]
    public void Opening_the_store_removes_temporaries_abandoned_long_ago_and_keeps_recent_ones()
    {
        var abandoned = Folder.Combine(".Job.1.0123.tmp");
        var recent = Folder.Combine(".Job.2.4567.tmp");
        File.WriteAllText(abandoned, "torn");
        File.WriteAllText(recent, "being written");
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-2));

        using var store = new FilesystemStore(Folder.Path);

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(recent));
    }

    [Fact]
    public void An_unchanged_tracked_child_is_not_written_again_and_a_changed_one_is()
    {
        if (!LinuxFiles.Available)
        {
            return; // a rewrite is seen as a new inode
        }

        using var store = new FilesystemStore(Folder.Path);
        var exe = Samples.Executable();
        var job = Samples.Job("parent", exe);
        store.Save(job);
        var exeFile = store.PathOf(exe.PersistentId!);
        var written = LinuxFiles.InodeOf(exeFile);

        store.Save(job);
        Assert.Equal(written, LinuxFiles.InodeOf(exeFile)); // Executable is fully tracked and unchanged: not re-written

        exe.Version = "2.0";
        Assert.True(exe.Changed);
        store.Save(job);
        Assert.NotEqual(written, LinuxFiles.InodeOf(exeFile));
        Assert.False(exe.Changed);
        store.InvalidateCache();
        Assert.Equal("2.0", store.Load<Executable>(exe.PersistentId!).Version);
    }

    [Fact]
    public void A_child_that_is_not_fully_tracked_is_always_written_again()
    {
        using var store = new FilesystemStore(Folder.Path);
        var job = Samples.Job("child");
        var collection = new JobCollection { Name = "c", Jobs = [job] };
        store.Save(collection);

        job.Arguments.Add("--changed-behind-the-setters-back"); // a list change no setter sees
        Assert.False(job.Changed);
        store.Save(collection);

        store.InvalidateCache();
        Assert.Contains("--changed-behind-the-setters-back", store.Load<Job>(job.PersistentId!).Arguments);
    }

    [Fact]
    public void A_failed_save_leaves_the_previous_records_intact()
    {
        using var store = new FilesystemStore(Folder.Path);
        var child = Samples.Job("child v1");
        var parent = new JobCollection { Name = "parent v1", Jobs = [child] };
        var parentId = store.Save(parent);
        var parentBytes = File.ReadAllBytes(store.PathOf(parentId));
        var childFile = store.PathOf(child.PersistentId!);
        var childBytes = File.ReadAllBytes(childFile);

        // The child's file can't be replaced: a directory stands in its place.
        File.Delete(childFile);
        Directory.CreateDirectory(store.PathOf(child.PersistentId!));
        parent.Name = "parent v2";
        child.Name = "child v2";
        Assert.ThrowsAny<IOException>(() => store.Save(parent));

        Assert.Equal(parentBytes, File.ReadAllBytes(store.PathOf(parentId)));
        Assert.Empty(Directory.GetFiles(Folder.Path, "*.tmp"));
        Directory.Delete(childFile);
        File.WriteAllBytes(childFile, childBytes);
        using var reopened = new FilesystemStore(Folder.Path);
        var reloaded = reopened.Load<JobCollection>(parentId);
        Assert.Equal(("parent v1", "child v1"), (reloaded.Name, reloaded.Jobs[0].Name));
    }

    [Fact]
    public void A_failed_first_save_gives_back_the_ids_it_handed_out()
    {
        using var store = new FilesystemStore(Folder.Path);
        var job = Samples.Job("new");
        File.WriteAllText(Folder.Combine(FilesystemStore.CounterFileName), "1");
        Directory.CreateDirectory(Folder.Combine("Executable.2")); // the second ID handed out is blocked

        Assert.ThrowsAny<IOException>(() => store.Save(job));

        Assert.Null(job.PersistentId);
        Assert.Null(job.Executable!.PersistentId);
    }

    [Fact]
    public void Ids_that_could_leave_theFolder_cannot_exist()
    {
        Assert.Throws<FormatException>(() => Id.Parse("../x"));
        Assert.Throws<FormatException>(() => Id.Parse("../x.1"));
        Assert.Throws<FormatException>(() => Id.Parse("a/b.1"));
        Assert.Throws<FormatException>(() => Id.Parse("..\\b.1"));
        Assert.Throws<FormatException>(() => Id.Parse(".hidden.1"));
        Assert.Throws<FormatException>(() => Id.Parse("tab\t.1"));
        Assert.Throws<ArgumentException>(() => new Id("..", 1));
        Assert.Throws<ArgumentException>(() => new Id("/etc/passwd", 1));
        Assert.Throws<ArgumentException>(() => new Id("nul\0l", 1));

        using var store = new FilesystemStore(Folder.Path);
        Assert.Equal(Folder.Path, Path.GetDirectoryName(store.PathOf(Id.Parse("a.b-c_d.7"))));
    }

    [Fact]
    public void A_writer_killed_in_the_middle_of_a_save_loop_leaves_only_loadable_records()
    {
        using (var worker = WorkerProcess.Start("save-loop", "file://" + Folder.Path))
        {
            for (var i = 0; i < 300; i++)
            {
                Assert.NotNull(worker.ReadLine());
            }

            worker.Kill();
        }

        using var store = new FilesystemStore(Folder.Path);
        var ids = store.List();
        Assert.True(ids.Count >= 300, $"only {ids.Count} records");
        foreach (var id in ids)
        {
            Assert.NotNull(store.Load(id)); // throws LoadException on a torn record
        }

        var next = store.Save(Samples.Job("after the crash"));
        Assert.DoesNotContain(next, ids);
    }

    [Fact]
    public void Durable_saves_round_trip()
    {
        using var store = new FilesystemStore(Folder.Path, new StoreOptions { Durable = true });
        var id = store.Save(Samples.Job("fsync"));

        store.InvalidateCache();
        Assert.Equal("fsync", store.Load<Job>(id).Name);
    }

    [Fact]
    public void An_unreadable_counter_resumes_after_the_highest_existing_id()
    {
        using (var store = new FilesystemStore(Folder.Path))
        {
            store.Save(Samples.Job("one"));
            store.Save(Samples.Job("two"));
        }

        File.WriteAllText(Folder.Combine(FilesystemStore.CounterFileName), "garbage");
        using var reopened = new FilesystemStore(Folder.Path);
        var highest = reopened.List().Max(id => id.SeqNo);

        Assert.True(reopened.Save(new Executable { Path = "p", Version = "v", Checksum = "c" }).SeqNo > highest);
    }
}
