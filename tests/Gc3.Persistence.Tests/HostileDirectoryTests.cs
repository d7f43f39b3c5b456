using System.Diagnostics;

namespace Gc3.Persistence.Tests;

/// <summary>
/// A file store's directory is hostile ground: whatever sits under a record's or the counter's name
/// (a link, a FIFO, a device, a directory), the store opens only regular files, never follows a link,
/// and says what is wrong, naming the path.
/// </summary>
public sealed class HostileDirectoryTests : TemporaryDirectoryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public HostileDirectoryTests()
        : base("hostile")
    {
        StorePath = Folder.Combine("store");
    }

    private string StorePath { get; }

    [Fact]
    public void A_fifo_named_like_a_record_is_refused_at_once()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (id, path) = SaveAndTakeAway();
        Run("mkfifo", path);

        var error = Assert.IsType<LoadException>(WithinPatience(() => LoadFresh(id), unblock: () => WriteIntoFifo(path)));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("FIFO", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_named_like_a_record_is_not_followed()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (id, path) = SaveAndTakeAway(keepAs: Folder.Combine("outside"));
        File.CreateSymbolicLink(path, Folder.Combine("outside"));

        var error = Assert.Throws<LoadException>(() => LoadFresh(id));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_named_like_a_record_is_refused()
    {
        // Only root may make a device node; this one is /dev/null's (1, 3), harmless if it were opened.
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return;
        }

        var (id, path) = SaveAndTakeAway();
        Run("mknod", path, "c", "1", "3");

        var error = Assert.Throws<LoadException>(() => LoadFresh(id));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("character device", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolder_where_a_record_should_be_is_named_as_such()
    {
        var (id, path) = SaveAndTakeAway();
        Directory.CreateDirectory(path);
        using var store = new FilesystemStore(StorePath);

        var load = Assert.Throws<LoadException>(() => store.Load(id));
        var replace = Assert.ThrowsAny<IOException>(() => store.Replace(id, Samples.Executable()));
        var remove = Assert.ThrowsAny<IOException>(() => store.Remove(id));

        foreach (var message in new[] { load.Message, replace.Message, remove.Message })
        {
            Assert.Contains(path, message, StringComparison.Ordinal);
            Assert.Contains("is a directory", message, StringComparison.Ordinal);
            Assert.DoesNotContain("Access to the path", message, StringComparison.Ordinal);
        }

        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public void A_counter_replaced_by_a_link_to_a_file_outside_the_store_is_refused()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var outside = Folder.Combine("precious.txt");
        File.WriteAllText(outside, "precious");
        var counter = CounterAfterOneSave();
        File.Delete(counter);
        File.CreateSymbolicLink(counter, outside);
        using var store = new FilesystemStore(StorePath);

        var error = Assert.ThrowsAny<IOException>(() => store.Save(Samples.Executable()));

        Assert.Contains(counter, error.Message, StringComparison.Ordinal);
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(outside));
    }

    [Fact]
    public void A_counter_that_is_a_fifo_is_refused_at_once()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var counter = CounterAfterOneSave();
        File.Delete(counter);
        Run("mkfifo", counter);
        using var store = new FilesystemStore(StorePath);

        var error = Assert.IsAssignableFrom<IOException>(WithinPatience(() => store.Save(Samples.Executable()), unblock: () => WriteIntoFifo(counter)));

        Assert.Contains(counter, error.Message, StringComparison.Ordinal);
        Assert.Contains("FIFO", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolder_where_the_counter_should_be_is_named_as_such()
    {
        var counter = CounterAfterOneSave();
        File.Delete(counter);
        Directory.CreateDirectory(counter);
        using var store = new FilesystemStore(StorePath);

        var error = Assert.ThrowsAny<IOException>(() => store.Save(Samples.Executable()));

        Assert.Contains(counter, error.Message, StringComparison.Ordinal);
        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Access to the path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_path_that_is_a_file_is_named_as_such()
    {
        var file = Folder.Combine("plain-file");
        File.WriteAllText(file, "not a directory");

        var direct = Assert.ThrowsAny<IOException>(() => new FilesystemStore(file));
        var beneath = Assert.ThrowsAny<IOException>(() => new FilesystemStore(Path.Combine(file, "jobs")));

        foreach (var error in new[] { direct, beneath })
        {
            Assert.Contains($"'{file}' is a file, not a directory", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("already exists", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_fifo_in_place_of_a_schema_file_hangs_neither_a_load_nor_a_save_nor_a_listing()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // A record naming a schema the store keeps only as a FIFO, and a FIFO where the Job schema's file goes.
        var (id, forgedHash) = SaveRecordOfAForgedSchema();
        var forgedPath = Path.Combine(StorePath, FilesystemStore.SchemaFolderName, $"{forgedHash:x16}.json");
        var jobSchema = Path.Combine(StorePath, FilesystemStore.SchemaFolderName, $"{JobSerializer.SchemaHash:x16}.json");
        File.Delete(forgedPath);
        File.Delete(jobSchema);
        Run("mkfifo", forgedPath);
        Run("mkfifo", jobSchema);

        var load = Assert.IsType<LoadException>(WithinPatience(() => LoadFresh(id), unblock: () => WriteIntoFifo(forgedPath)));
        Assert.Contains(forgedPath, load.Message, StringComparison.Ordinal);
        Assert.Contains("FIFO", load.Message, StringComparison.Ordinal);

        using var store = new FilesystemStore(StorePath);
        var listing = Task.Run(() => ((ISchemaStore)store).ReadSchemasAsync());
        if (!((IAsyncResult)listing).AsyncWaitHandle.WaitOne(Patience))
        {
            WriteIntoFifo(jobSchema);
            Assert.Fail($"Listing the schemas was still blocked after {Patience.TotalSeconds} s.");
        }

        Assert.DoesNotContain(JobSerializer.SchemaHash, (await listing).Select(s => s.Hash));

        // The first save of a Job reads the schema file it would write; it replaces the FIFO with the schema.
        CompletesWithinPatience(() => store.Save(Samples.Job("after the fifo")), unblock: () => WriteIntoFifo(jobSchema));
        Assert.Equal(JobSerializer.SchemaDocument, File.ReadAllText(jobSchema));
    }

    [Fact]
    public async Task A_schema_file_that_links_to_an_endless_device_is_not_read()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using (var first = new FilesystemStore(StorePath))
        {
            first.Save(Samples.Job("before"));
        }

        // /dev/zero never ends: read through the link, the file made a listing allocate until the process died.
        var jobSchema = Path.Combine(StorePath, FilesystemStore.SchemaFolderName, $"{JobSerializer.SchemaHash:x16}.json");
        File.Delete(jobSchema);
        File.CreateSymbolicLink(jobSchema, "/dev/zero");
        using var store = new FilesystemStore(StorePath);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var schemas = await ((ISchemaStore)store).ReadSchemasAsync();
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);

        Assert.DoesNotContain(JobSerializer.SchemaHash, schemas.Select(s => s.Hash));
        store.Save(Samples.Job("after"));
        Assert.Equal(JobSerializer.SchemaDocument, File.ReadAllText(jobSchema)); // the link replaced, /dev/zero untouched
        Assert.Null(new FileInfo(jobSchema).LinkTarget);
    }

    [Fact]
    public void A_schema_folder_that_links_outside_the_store_is_never_written_through()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var outside = Directory.CreateDirectory(Folder.Combine("outside")).FullName;
        Directory.CreateDirectory(StorePath);
        Directory.CreateSymbolicLink(Path.Combine(StorePath, FilesystemStore.SchemaFolderName), outside);
        using var store = new FilesystemStore(StorePath);

        var error = Assert.ThrowsAny<IOException>(() => store.Save(Samples.Job("a")));

        Assert.Contains(Path.Combine(StorePath, FilesystemStore.SchemaFolderName), error.Message, StringComparison.Ordinal);
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.Empty(store.List());
    }

    [Fact]
    public void A_fifo_a_link_or_a_device_named_like_a_commit_journal_is_ignored_and_the_store_opens()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (id, _) = SaveAndTakeAway();
        var journals = Directory.CreateDirectory(Path.Combine(StorePath, JournalDirectory.FolderName)).FullName;
        var outside = Folder.Combine("outside.journal");
        File.WriteAllText(outside, "gc3-commit 1\nend 0\n");
        Run("mkfifo", Path.Combine(journals, "fifo.journal"));
        File.CreateSymbolicLink(Path.Combine(journals, "zero.journal"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(journals, "outside.journal"), outside);
        var log = new CapturingLoggerFactory();

        var error = WithinPatience(
            () =>
            {
                using var store = new FilesystemStore(StorePath, new StoreOptions { LoggerFactory = log });
                store.Save(Samples.Executable());
                return store.Load(id);
            },
            unblock: () => WriteIntoFifo(Path.Combine(journals, "fifo.journal")));

        Assert.IsType<RecordNotFoundException>(error); // the record taken away: missing, after looking at the journals once more
        Assert.Equal(3, Directory.GetFileSystemEntries(journals).Length);
        Assert.True(File.Exists(outside));
        var warnings = log.Entries.Where(entry => entry.Level == Microsoft.Extensions.Logging.LogLevel.Warning).Select(entry => entry.Message).ToList();
        // The event gc3p verify and copy count (docs/stores.md: StoreLogEvents.Skipped, 1010), once per journal ignored.
        Assert.All(
            new[] { "fifo.journal", "zero.journal", "outside.journal" },
            name => Assert.Contains(log.Entries, entry => entry.Event == StoreLogEvents.Skipped && entry.Message.Contains(name, StringComparison.Ordinal)));
        Assert.Contains(warnings, warning => warning.Contains("fifo.journal", StringComparison.Ordinal) && warning.Contains("FIFO", StringComparison.Ordinal));
        Assert.Contains(warnings, warning => warning.Contains("zero.journal", StringComparison.Ordinal) && warning.Contains("symbolic link", StringComparison.Ordinal));
        Assert.Contains(warnings, warning => warning.Contains("outside.journal", StringComparison.Ordinal) && warning.Contains("symbolic link", StringComparison.Ordinal));
    }

    private static Serialization.PersistableSerializer JobSerializer
        => Serialization.PersistableRegistry.TryGet(typeof(Job), out var serializer) ? serializer : throw new InvalidOperationException();

    // Saves a Job whose record names a schema other than its type's (kept by the store): loading it reads that schema.
    private (Id Id, ulong Hash) SaveRecordOfAForgedSchema()
    {
        using var store = new FilesystemStore(StorePath);
        var id = store.Save(Samples.Job("forged"));
        var forged = JobSerializer.SchemaDocument.Replace("\"name\":\"Name\"", "\"name\":\"Title\"", StringComparison.Ordinal);
        var hash = StoredSchema.HashOf(forged);
        ((ISchemaStore)store).WriteSchemasAsync([new StoredSchema(hash, JobSerializer.Tag, forged)]).GetAwaiter().GetResult();
        var path = store.PathOf(id);
        File.WriteAllBytes(path, RecordEditing.WithSchemaHash(File.ReadAllBytes(path), hash));
        return (id, hash);
    }

    // Saves a record and removes its file (kept at keepAs if given), leaving its name free for an attack.
    private (Id Id, string Path) SaveAndTakeAway(string? keepAs = null)
    {
        using var store = new FilesystemStore(StorePath);
        var id = store.Save(Samples.Executable());
        var path = store.PathOf(id);
        if (keepAs is null)
        {
            File.Delete(path);
        }
        else
        {
            File.Move(path, keepAs);
        }

        return (id, path);
    }

    private string CounterAfterOneSave()
    {
        using var store = new FilesystemStore(StorePath);
        store.Save(Samples.Executable());
        return Path.Combine(store.Directory, FilesystemStore.CounterFileName);
    }

    private object LoadFresh(Id id)
    {
        using var store = new FilesystemStore(StorePath);
        return store.Load(id);
    }

    // The exception of an action that must fail within a few seconds; if it hangs, unblock frees its thread.
    private static Exception WithinPatience(Func<object> action, Action unblock)
    {
        var run = Task.Run(action);
        if (!((IAsyncResult)run).AsyncWaitHandle.WaitOne(Patience))
        {
            unblock();
            Assert.Fail($"Still blocked after {Patience.TotalSeconds} s.");
        }

        return run.Exception?.InnerException ?? throw new Xunit.Sdk.XunitException("It did not fail.");
    }

    // Runs an action that must succeed within a few seconds; if it hangs, unblock frees its thread.
    private static void CompletesWithinPatience(Action action, Action unblock)
    {
        var run = Task.Run(action);
        if (!((IAsyncResult)run).AsyncWaitHandle.WaitOne(Patience))
        {
            unblock();
            Assert.Fail($"Still blocked after {Patience.TotalSeconds} s.");
        }

        run.GetAwaiter().GetResult();
    }

    private static void WriteIntoFifo(string path)
    {
        using var writer = new FileStream(path, FileMode.Open, FileAccess.Write);
        writer.Write(new byte[64]);
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(program, arguments);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
