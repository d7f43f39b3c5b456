namespace Gc3.Persistence.Tool.Tests;

/// <summary>
/// gc3p on a folder as users leave it: a wrong path that holds other files is no store of no records (verify
/// never calls it clean), an empty folder is said to be empty, and files named almost like records are problems
/// verify names.
/// </summary>
public sealed class StoreFolderTests() : TemporaryDirectoryTests("gc3p-folder")
{
    [Fact]
    public void A_folder_of_other_files_is_no_store_and_every_command_says_so_naming_some()
    {
        var folder = Directory.CreateDirectory(Folder.Combine("home")).FullName;
        File.WriteAllText(Path.Combine(folder, "readme.txt"), "not a store");
        File.WriteAllText(Path.Combine(folder, ".bashrc"), "");
        Directory.CreateDirectory(Path.Combine(folder, "Documents"));
        string[] before = [.. Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal)];

        foreach (var command in new[] { "verify", "ls", "stats", "schema", "dump" })
        {
            var result = Processes.Gc3p(command, folder);
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.DoesNotContain("no problems", result.Output, StringComparison.Ordinal);
            Assert.Contains($"gc3p: The folder '{folder}' holds no file store: none of its 3 entries is a record or a store's file", result.Error, StringComparison.Ordinal);
            Assert.Contains("'readme.txt'", result.Error, StringComparison.Ordinal);
            Assert.Contains("Is it the store's folder?", result.Error, StringComparison.Ordinal);
        }

        Assert.Equal(1, Processes.Gc3p("show", folder, "Job.1").ExitCode);
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_empty_folder_verifies_with_no_problems_and_says_it_is_empty()
    {
        var folder = Directory.CreateDirectory(Folder.Combine("empty")).FullName;

        var verified = Processes.Gc3p("verify", folder).EnsureSuccess();

        Assert.Contains("0 records verified: no problems (the folder is empty: a store nothing was saved in yet, or no store).", verified.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public void A_store_of_records_only_or_of_a_counter_only_is_a_store()
    {
        var records = Folder.Combine("records");
        using (var store = new Files.FilesystemStore(records))
        {
            store.Save(new TestModel.Job { Name = "kept" });
        }

        Directory.Delete(Path.Combine(records, Files.FilesystemStore.SchemaFolderName), recursive: true);
        File.Delete(Path.Combine(records, Files.FilesystemStore.CounterFileName));
        var counterOnly = Directory.CreateDirectory(Folder.Combine("counter")).FullName;
        File.WriteAllText(Path.Combine(counterOnly, Files.FilesystemStore.CounterFileName), "7");

        Assert.Equal(["Job.1"], Processes.Gc3p("ls", records, "--json").EnsureSuccess().Lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()));
        Assert.Contains("0 records verified: no problems.", Processes.Gc3p("verify", counterOnly).EnsureSuccess().Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_names_files_almost_like_records_and_links_under_records_names_and_goes_on()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var store = Folder.Combine("store");
        Id kept;
        using (var files = new Files.FilesystemStore(store))
        {
            kept = files.Save(new TestModel.Job { Name = "kept" });
        }

        var record = File.ReadAllBytes(Path.Combine(store, kept.ToString()));
        foreach (var name in new[] { "Job.-1", "Job.1x", "Job." })
        {
            File.WriteAllBytes(Path.Combine(store, name), record); // renamed by hand: no record, though it holds one
        }

        var outside = Folder.Combine("outside-record");
        File.WriteAllBytes(outside, record);
        File.CreateSymbolicLink(Path.Combine(store, "Job.21"), outside);
        File.CreateSymbolicLink(Path.Combine(store, "Job.22"), Folder.Combine("nothing-here"));
        File.WriteAllText(Path.Combine(store, "readme.txt"), "a note beside the store is no problem");

        var verified = Processes.Gc3p("verify", store);

        Assert.True(verified.ExitCode == 1, verified.ToString());
        Assert.Contains("(store): the store skipped 3 things it holds but could not read", verified.Output, StringComparison.Ordinal);
        Assert.All(new[] { "Job.-1", "Job.1x", "Job." }, name => Assert.Contains($"gc3p: warning: Skipping {Path.Combine(store, name)}: it is named like a record, but its name is no ID", verified.Error, StringComparison.Ordinal));
        Assert.DoesNotContain("readme.txt", verified.Error, StringComparison.Ordinal);
        Assert.All(new[] { "Job.21", "Job.22" }, id => Assert.Contains(verified.Lines, line => line.StartsWith(id + ": ", StringComparison.Ordinal) && line.Contains("symbolic link", StringComparison.Ordinal)));
        Assert.DoesNotContain(verified.Lines, line => line.StartsWith(kept + ":", StringComparison.Ordinal));
        Assert.Contains("3 records verified: 4 problems.", verified.Output, StringComparison.Ordinal); // the links, what was skipped, the counter below 'Job.22'
        Assert.Contains(verified.Lines, line => line.StartsWith("(counter): ", StringComparison.Ordinal));

        var shown = Processes.Gc3p("show", store, "Job.21");
        Assert.True(shown.ExitCode == 1, shown.ToString());
        Assert.Contains("symbolic link", shown.Error, StringComparison.Ordinal);
        Assert.Equal(record, File.ReadAllBytes(outside));
    }

    [Fact]
    public void Ls_and_dump_warn_of_files_named_almost_like_records_as_verify_does()
    {
        var store = Folder.Combine("store");
        Id kept;
        using (var files = new Files.FilesystemStore(store))
        {
            kept = files.Save(new TestModel.Job { Name = "kept" });
        }

        foreach (var name in new[] { "Job.-1", "Job.1x" })
        {
            File.Copy(Path.Combine(store, kept.ToString()), Path.Combine(store, name));
        }

        foreach (var command in new[] { "ls", "dump" })
        {
            var result = Processes.Gc3p(command, store).EnsureSuccess();
            Assert.Contains(kept.ToString(), result.Output, StringComparison.Ordinal);
            Assert.All(new[] { "Job.-1", "Job.1x" }, name => Assert.Single(result.Error.Split('\n'), line => line.StartsWith($"gc3p: warning: Skipping {Path.Combine(store, name)}: it is named like a record, but its name is no ID", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void A_record_file_its_reader_may_not_read_is_a_problem_naming_it_and_the_check_goes_on()
    {
        // Root reads every file: the tool then runs as 'nobody' (setpriv), as a user without the right would.
        if (!OperatingSystem.IsLinux() || (Environment.UserName == "root" && !File.Exists("/usr/bin/setpriv")))
        {
            return;
        }

        var store = Folder.Combine("store");
        Id locked;
        Id readable;
        using (var files = new Files.FilesystemStore(store))
        {
            locked = files.Save(new TestModel.Job { Name = "locked" });
            readable = files.Save(new TestModel.Job { Name = "readable" });
        }

        File.SetUnixFileMode(Path.Combine(store, locked.ToString()), UnixFileMode.None);
        string[] arguments = ["verify", store];
        var verified = Environment.UserName == "root"
            ? ChildProcess.Run(ChildProcess.StartInfo("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", Repository.ToolDll, .. arguments]), TimeSpan.FromMinutes(3))
            : Processes.Gc3p(arguments);

        Assert.True(verified.ExitCode == 1, verified.ToString());
        Assert.Contains(verified.Lines, line => line.StartsWith(locked + ": ", StringComparison.Ordinal) && line.Contains("permission denied", StringComparison.Ordinal));
        Assert.DoesNotContain(verified.Lines, line => line.StartsWith(readable + ":", StringComparison.Ordinal));
        Assert.Contains("2 records verified: 1 problem.", verified.Output, StringComparison.Ordinal);
    }
}
