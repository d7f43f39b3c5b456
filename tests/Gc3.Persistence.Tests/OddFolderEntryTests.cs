using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Tests;

/// <summary>
/// A file store's folder as users and accidents leave it: names almost like records', links under records' names,
/// empty record files, temporaries of crashed commits. Each is refused with an error naming it, or reported once per
/// listing, never loaded, listed or removed in silence, and nothing outside the store is touched.
/// </summary>
public sealed class OddFolderEntryTests() : TemporaryDirectoryTests("odd-entries")
{
    private readonly CapturingLoggerFactory _log = new(LogLevel.Information);

    private string StorePath => Folder.Combine("store");

    [Fact]
    public void Names_almost_like_a_records_are_skipped_with_one_warning_each_per_listing_and_other_files_are_not()
    {
        var id = SaveOne();
        string[] odd = ["Job.-1", "Job.+1", "Job.1x", "Job.", "Job.99999999999999999999", "-Job.1", "J b.1", "Job.01"];
        string[] other = ["readme.txt", "notes", "backup.tar.gz", ".hidden.1"];
        foreach (var name in odd.Concat(other))
        {
            File.WriteAllBytes(Path.Combine(StorePath, name), File.ReadAllBytes(Path.Combine(StorePath, id.ToString())));
        }

        using var store = Open();
        Assert.Equal([id], store.List());
        Assert.Equal(1, store.Count());
        Assert.NotNull(store.Load(id));

        var skipped = Skipped();
        Assert.All(odd, name => Assert.Equal(2, skipped.Count(message => message.Contains(Path.Combine(StorePath, name) + ":", StringComparison.Ordinal))));
        Assert.All(other, name => Assert.DoesNotContain(skipped, message => message.Contains(name, StringComparison.Ordinal)));
        Assert.Equal(2 * odd.Length, skipped.Count); // List and Count list; the load reads one record and says nothing
        Assert.Contains(skipped, message => message.Contains("Job.1x: it is named like a record, but its name is no ID", StringComparison.Ordinal));
        Assert.All(odd.Concat(other), name => Assert.True(File.Exists(Path.Combine(StorePath, name))));
    }

    [Fact]
    public async Task The_raw_listings_gc3p_ls_and_dump_use_warn_of_what_they_skip_as_List_does()
    {
        var id = SaveOne();
        string[] odd = ["Job.-1", "Job.1x", "Job.01"];
        foreach (var name in odd)
        {
            File.Copy(Path.Combine(StorePath, id.ToString()), Path.Combine(StorePath, name));
        }

        Directory.CreateDirectory(Path.Combine(StorePath, "Job.7"));
        File.WriteAllText(Path.Combine(StorePath, "readme.txt"), "no record, and no warning");
        using var store = Open();

        var listed = new List<Id>();
        await foreach (var info in store.ListRecordInfoAsync())
        {
            listed.Add(info.Id);
        }

        var read = new List<Id>();
        await foreach (var record in store.ReadRawRecordsAsync(prefix: "Executable"))
        {
            read.Add(record.Id);
        }

        var afterRawListings = Skipped();
        Assert.Equal([id], store.List());

        Assert.Equal([id], listed);
        Assert.Equal([id], read);
        var skipped = Skipped();
        Assert.All(odd.Append("Job.7"), name => Assert.Equal(3, skipped.Count(message => message.StartsWith($"Skipping {Path.Combine(StorePath, name)}: ", StringComparison.Ordinal))));
        Assert.Equal(afterRawListings, skipped[..afterRawListings.Count]);
        Assert.Equal(skipped[..4], skipped[4..8]); // the raw listings say what List says, in its words
        Assert.Equal(skipped[..4], skipped[8..]);
        Assert.DoesNotContain(skipped, message => message.Contains("readme.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void Links_named_like_records_are_refused_by_a_load_and_a_replace_or_remove_takes_the_link_never_its_target()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var id = SaveOne();
        var outside = Folder.Combine("outside-record");
        File.Copy(Path.Combine(StorePath, id.ToString()), outside);
        var outsideBytes = File.ReadAllBytes(outside);
        var outsideFolder = Directory.CreateDirectory(Folder.Combine("outside-folder")).FullName;
        var targets = new Dictionary<string, string>
        {
            ["Job.21"] = outside, // a record outside the store
            ["Job.22"] = Folder.Combine("nothing-here"), // dangling
            ["Job.23"] = "/dev/zero",
            ["Job.24"] = outsideFolder,
        };
        foreach (var (name, target) in targets)
        {
            File.CreateSymbolicLink(Path.Combine(StorePath, name), target);
        }

        using var store = Open();
        // A link to a folder is skipped, named as what it is; the others are listed, and a load says what they are.
        Assert.Equal([id, Id.Parse("Job.21"), Id.Parse("Job.22"), Id.Parse("Job.23")], store.List());
        Assert.Equal($"Skipping {Path.Combine(StorePath, "Job.24")}: a symbolic link to a directory, named like a record, is no record.", Assert.Single(Skipped()));
        foreach (var name in targets.Keys)
        {
            var load = Assert.Throws<LoadException>(() => store.Load(Id.Parse(name)));
            Assert.Contains(Path.Combine(StorePath, name), load.Message, StringComparison.Ordinal);
            Assert.Contains("symbolic link", load.Message, StringComparison.Ordinal);
        }

        // Replace puts a record in the link's place (exchanged, never written through); Remove unlinks it.
        store.Replace(Id.Parse("Job.21"), Samples.Executable("in place of a link"));
        store.Replace(Id.Parse("Job.23"), Samples.Executable("in place of /dev/zero"));
        store.Replace(Id.Parse("Job.24"), Samples.Executable("in place of a folder's link"));
        store.Remove(Id.Parse("Job.22"));

        Assert.Equal("in place of a link", Assert.IsType<Executable>(Open().Load(Id.Parse("Job.21"))).Path);
        Assert.All(new[] { "Job.21", "Job.23", "Job.24" }, name => Assert.Null(new FileInfo(Path.Combine(StorePath, name)).LinkTarget));
        Assert.False(Path.Exists(Path.Combine(StorePath, "Job.22")));
        Assert.Equal(outsideBytes, File.ReadAllBytes(outside));
        Assert.Empty(Directory.EnumerateFileSystemEntries(outsideFolder));
    }

    [Fact]
    public void A_new_object_whose_id_a_link_to_a_folder_holds_is_refused_naming_the_link_and_nothing_is_written_through_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var id = SaveOne();
        var outsideFolder = Directory.CreateDirectory(Folder.Combine("outside-folder")).FullName;
        var taken = Path.Combine(StorePath, new Id(id.Prefix, id.SeqNo + 1).ToString()); // the counter's next ID
        Directory.CreateSymbolicLink(taken, outsideFolder);
        using var store = Open();

        var refused = Assert.ThrowsAny<IOException>(() => store.Save(Samples.Executable("new")));

        Assert.Equal($"The record file '{taken}' is a symbolic link: a file store never follows one, which could lead outside its directory.", refused.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outsideFolder));
        Assert.Equal(outsideFolder, new FileInfo(taken).LinkTarget);
    }

    [Fact]
    public void An_empty_record_file_is_a_load_error_naming_it_and_a_replace_or_remove_puts_things_right()
    {
        var id = SaveOne();
        var path = Path.Combine(StorePath, id.ToString());
        File.WriteAllBytes(path, []); // as a power loss without Durable leaves a record replaced shortly before

        using var store = Open();
        Assert.Equal([id], store.List());
        var load = Assert.Throws<LoadException>(() => store.Load(id));
        Assert.Contains(id.ToString(), load.Message, StringComparison.Ordinal);

        store.Replace(id, Samples.Executable("put right"));
        Assert.Equal("put right", Assert.IsType<Executable>(Open().Load(id)).Path);
        store.Remove(id);
        Assert.Empty(store.List());
    }

    [Theory]
    [InlineData(0, "is now empty (0 bytes)")] // cut to nothing by a crash, or by hand
    [InlineData(3, "is now 3 bytes long, too short to be a record")]
    [InlineData(-1, "no longer holds a record: the data is not a Gc3.Persistence record (bad magic bytes)")] // text written over it
    public void Saving_an_object_whose_record_file_no_longer_holds_a_record_says_what_the_file_is_and_writes_nothing(int length, string what)
    {
        var id = SaveOne();
        var path = Path.Combine(StorePath, id.ToString());
        var neighbourId = SaveOne();
        using var store = Open();
        using var other = Open();
        var executable = Assert.IsType<Executable>(store.Load(id));
        var inPair = Assert.IsType<Executable>(other.Load(id));
        var neighbour = Assert.IsType<Executable>(other.Load(neighbourId));
        var now = length >= 0 ? File.ReadAllBytes(path)[..length] : "a note typed over the record"u8.ToArray();
        File.WriteAllBytes(path, now);

        executable.Path = "changed";
        inPair.Path = neighbour.Path = "changed in a commit of two";
        var alone = Assert.Throws<ConcurrencyException>(() => store.Save(executable));
        var inCommit = Assert.Throws<ConcurrencyException>(() => other.SaveMany([inPair, neighbour]));

        foreach (var refused in new[] { alone, inCommit })
        {
            Assert.Equal(id, refused.Id);
            Assert.Contains($"Cannot save '{id}': its record file '{path}' {what}", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("another record", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("load it again", refused.Message, StringComparison.Ordinal);
            Assert.Contains("Nothing was written", refused.Message, StringComparison.Ordinal);
            Assert.Contains("Replace", refused.Message, StringComparison.Ordinal);
            Assert.Contains("gc3p verify", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(now, File.ReadAllBytes(path));
        Assert.Equal("kept", Assert.IsType<Executable>(Open().Load(neighbourId)).Path);

        // Overwriting it on purpose is Replace.
        store.Replace(id, executable);
        Assert.Equal("changed", Assert.IsType<Executable>(Open().Load(id)).Path);
    }

    [Fact]
    public void Saving_an_object_whose_record_another_save_changed_says_so_and_one_whose_file_holds_another_ids_record_names_it()
    {
        var id = SaveOne();
        var otherId = SaveOne();
        var path = Path.Combine(StorePath, id.ToString());
        using var store = Open();
        using var elsewhere = Open();
        var executable = Assert.IsType<Executable>(store.Load(id));
        var changed = Assert.IsType<Executable>(elsewhere.Load(id));
        changed.Path = "saved elsewhere";
        elsewhere.Save(changed);

        executable.Path = "changed here";
        var changedElsewhere = Assert.Throws<ConcurrencyException>(() => store.Save(executable));
        File.Copy(Path.Combine(StorePath, otherId.ToString()), path, overwrite: true); // another ID's record copied over it
        changed.Path = "changed again";
        var copiedOver = Assert.Throws<ConcurrencyException>(() => elsewhere.Save(changed));

        Assert.Equal($"Cannot save '{id}': it was changed by someone else since it was loaded or last saved here (its file now holds another record: '{path}'). Nothing was written; load it again, apply the change and save.", changedElsewhere.Message);
        Assert.Contains($"Cannot save '{id}': its record file '{path}' now holds the record of '{otherId}', copied or moved there from another ID.", copiedOver.Message, StringComparison.Ordinal);
        Assert.Contains("Replace", copiedOver.Message, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(StorePath, otherId.ToString())), File.ReadAllBytes(path));
    }

    [Fact]
    public void Temporaries_of_a_crashed_save_are_never_records_and_old_ones_go_when_a_store_opens_for_writing()
    {
        var id = SaveOne();
        var guid = new string('a', 32);
        var journals = Directory.CreateDirectory(Path.Combine(StorePath, ".gc3-journal")).FullName;
        string[] old = [Path.Combine(StorePath, $".Job.40.{guid}.tmp"), Path.Combine(journals, $"{guid}.journal.tmp")];
        string[] recent = [Path.Combine(StorePath, $".Job.41.{guid}.tmp"), Path.Combine(journals, $"{new string('b', 32)}.journal.tmp")];
        foreach (var file in old.Concat(recent))
        {
            File.WriteAllText(file, "left by a crash");
        }

        foreach (var file in old)
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-2));
        }

        using (var reader = Open(readOnly: true))
        {
            Assert.Equal([id], reader.List());
            Assert.All(old.Concat(recent), file => Assert.True(File.Exists(file))); // read-only: nothing removed
        }

        using var store = Open();
        Assert.Equal([id], store.List());
        Assert.All(old, file => Assert.False(File.Exists(file)));
        Assert.All(recent, file => Assert.True(File.Exists(file))); // a writer may still be busy with it
        Assert.Empty(Skipped());
    }

    [Fact]
    public void A_file_where_the_journal_folder_goes_is_named_as_no_folder()
    {
        SaveOne();
        var journals = Path.Combine(StorePath, ".gc3-journal");
        File.WriteAllText(journals, "not a folder");

        foreach (var readOnly in new[] { false, true })
        {
            var error = Assert.ThrowsAny<IOException>(() => Open(readOnly));
            Assert.Equal($"The commit journal folder '{journals}' is not a directory: a file store keeps its journals there.", error.Message);
        }
    }

    [Fact]
    public void A_store_folder_its_user_may_not_search_is_named_as_the_folder_that_refuses()
    {
        // Root may search every folder: the store is opened by a worker running as 'nobody' (setpriv), as another user would.
        const int nobody = 65534;
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/bin/setpriv"))
        {
            return;
        }

        var id = SaveOne();
        var worker = Folder.CopyIn(WorkerProcess.WorkerDirectory, "worker");
        const UnixFileMode readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        const UnixFileMode traversable = readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(Folder.Path, traversable);
        File.SetUnixFileMode(worker, traversable);
        foreach (var file in Directory.EnumerateFiles(worker, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(file, readable);
        }

        File.SetUnixFileMode(StorePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); // drwx------ root

        using var process = WorkerProcess.StartAsUser(nobody, worker, "load", $"file://{StorePath}", id.ToString());
        Assert.NotEqual(0, process.WaitForFailure());
        Assert.Contains($"Permission denied: this process may not search the folder '{StorePath}' (it needs execute permission on it), so the commit journal folder '{Path.Combine(StorePath, ".gc3-journal")}' cannot be reached.", process.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot be opened", process.StandardError, StringComparison.Ordinal);
    }

    private Id SaveOne()
    {
        using var store = new FilesystemStore(StorePath);
        return store.Save(Samples.Executable("kept"));
    }

    private FilesystemStore Open(bool readOnly = false)
        => new(StorePath, new StoreOptions { LoggerFactory = _log, ReadOnly = readOnly });

    private List<string> Skipped()
        => [.. _log.Entries.Where(entry => entry.Event == StoreLogEvents.Skipped).Select(entry => entry.Message)];
}
