using System.Buffers.Binary;
using Gc3.Persistence.Files;
using Gc3.Persistence.Schemas;
using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Tool.Tests;

/// <summary>
/// gc3p on a file store an attacker or an accident filled with odd things: records copied under other IDs,
/// FIFOs, links to endless devices, sparse files of gigabytes and directories named like records and schema
/// files. Every command ends, says what is wrong in one line per problem naming the record or file, exits
/// non-zero when something was wrong, and never shows a record as another's.
/// </summary>
public sealed class HostileStoreTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new("gc3p-hostile");

    [Fact]
    public void A_record_copied_under_another_id_is_shown_and_dumped_as_an_error_not_as_the_other_record()
    {
        var (store, ids) = JobStore(2);
        File.Copy(Path.Combine(store, ids[0]), Path.Combine(store, ids[1]), overwrite: true);

        var shown = Processes.Gc3p("show", store, ids[1]);
        var dumped = Processes.Gc3p("dump", store);

        Assert.True(shown.ExitCode == 1, shown.ToString());
        Assert.Empty(shown.Output);
        Assert.Contains($"'{ids[1]}' is the record of '{ids[0]}'", shown.Error, StringComparison.Ordinal);
        Assert.True(dumped.ExitCode == 1, dumped.ToString());
        Assert.Equal([ids[0]], dumped.Lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("$id").GetString()));
        Assert.Contains($"'{ids[1]}' is the record of '{ids[0]}'", dumped.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_command_ends_on_odd_entries_naming_each_and_never_with_a_stack_trace()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (store, ids) = JobStore(1);
        var schemaFolder = Path.Combine(store, FilesystemStore.SchemaFolderName);
        var jobSchema = Directory.GetFiles(schemaFolder).Single();
        var odd = new Dictionary<string, string>
        {
            ["Job.21"] = "FIFO",
            ["Job.22"] = "symbolic link",
            ["Job.23"] = "MaxRecordBytes",
            ["Job.24"] = "truncated",
        };
        Run("mkfifo", Path.Combine(store, "Job.21"));
        File.CreateSymbolicLink(Path.Combine(store, "Job.22"), "/dev/zero");
        using (var sparse = File.Create(Path.Combine(store, "Job.23")))
        {
            sparse.SetLength(5L << 30);
        }

        File.WriteAllBytes(Path.Combine(store, "Job.24"), []);
        Directory.CreateDirectory(Path.Combine(store, "Job.25"));
        File.WriteAllText(Path.Combine(store, ".Job.26.0123.tmp"), "left by a crash");

        // The one schema file a FIFO, and links to endless devices under two more schema names.
        File.Delete(jobSchema);
        Run("mkfifo", jobSchema);
        File.CreateSymbolicLink(Path.Combine(schemaFolder, "0123456789abcdef.json"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(schemaFolder, "fedcba9876543210.json"), "/dev/urandom");

        foreach (var command in new[] { "ls", "stats", "schema", "verify", "dump" })
        {
            var result = Processes.Gc3p(command, store);
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
            Assert.True(command is "ls" or "stats" ? result.ExitCode == 0 : result.ExitCode == 1, result.ToString());
        }

        // No schema is readable: each file is named in a warning, not skipped in silence.
        var schemas = Processes.Gc3p("schema", store);
        Assert.Contains("keeps no writer schemas", schemas.Error, StringComparison.Ordinal);
        Assert.All(Directory.GetFiles(schemaFolder), file => Assert.Contains($"gc3p: warning: Skipping the schema file {file}", schemas.Error, StringComparison.Ordinal));

        var verified = Processes.Gc3p("verify", store);
        foreach (var (id, problem) in odd)
        {
            Assert.Contains(verified.Lines, line => line.StartsWith(id + ": ", StringComparison.Ordinal) && line.Contains(problem, StringComparison.Ordinal));
        }

        foreach (var id in odd.Keys.Append(ids[0]).Append("Job.25"))
        {
            var shown = Processes.Gc3p("show", store, id);
            Assert.True(shown.ExitCode == 1, shown.ToString());
            Assert.Contains(id, shown.Error, StringComparison.Ordinal);
            Assert.Single(shown.Error.Trim().Split('\n'), line => !line.StartsWith("gc3p: warning: ", StringComparison.Ordinal)); // the schema files' warnings aside
        }
    }

    [Fact]
    public void Reading_and_copying_out_of_a_store_changes_nothing_in_it_also_without_its_counter_file()
    {
        var (store, ids) = JobStore(3);
        File.Delete(Path.Combine(store, ".gc3-next-id")); // lost, or never there (a store some other tool filled)
        var before = Snapshot(store);

        foreach (var arguments in new[] { ["ls", store], ["show", store, ids[0]], ["dump", store], ["stats", store], ["schema", store], ["verify", store], new[] { "copy", store, "sqlite://" + _folder.Combine("copy.db") } })
        {
            Processes.Gc3p(arguments).EnsureSuccess();
            Assert.Equal(before, Snapshot(store));
        }

        // The counter it tells is the one a save would take: after the highest ID.
        var stats = JsonDocument.Parse(Processes.Gc3p("stats", store, "--json").EnsureSuccess().Output).RootElement;
        Assert.Equal(ids.Max(id => Id.Parse(id).SeqNo) + 1, stats.GetProperty("nextIdNumber").GetInt64());
        Assert.Equal(before, Snapshot(store));
    }

    [Fact]
    public void A_forged_tag_holding_a_newline_and_escape_sequences_is_printed_escaped_on_its_own_line()
    {
        var (store, ids) = JobStore(2);
        var path = Path.Combine(store, ids[1]);
        const string FakeLine = "exe.99                   jobmanager.executable                   999";
        File.WriteAllBytes(path, WithTag(File.ReadAllBytes(path), "test.job\n" + FakeLine + "\u001b[2J\u202e"));

        var listed = Processes.Gc3p("ls", store).EnsureSuccess();
        Assert.Equal(3, listed.Lines.Length); // two records and the total: no line of a record that does not exist
        Assert.Contains(listed.Lines, line => line.StartsWith(ids[1] + " ", StringComparison.Ordinal) && line.Contains("test.job\\u000A" + FakeLine + "\\u001B[2J\\u202E", StringComparison.Ordinal));

        var verified = Processes.Gc3p("verify", store);
        Assert.Equal(1, verified.ExitCode);
        Assert.Equal(2, verified.Lines.Length); // one problem, one summary
        Assert.StartsWith(ids[1] + ": the record's tag is 'test.job\\u000A", verified.Lines[0], StringComparison.Ordinal);

        foreach (var arguments in new[] { ["ls", store], ["stats", store], ["verify", store], ["dump", store], new[] { "show", store, ids[1] } })
        {
            var result = Processes.Gc3p(arguments);
            foreach (var line in (result.Output + "\n" + result.Error).Split('\n'))
            {
                Assert.False(line.TrimStart().StartsWith("exe.99", StringComparison.Ordinal), $"{arguments[0]}: {result}");
                Assert.DoesNotContain('\u001b', line);
                Assert.DoesNotContain('\u202e', line);
            }
        }
    }

    [Fact]
    public void Schema_as_json_gives_a_damaged_document_that_is_no_json_as_its_text_with_the_reason()
    {
        // Forged: the file is named by its content's hash and its tag reads (what the store checks), but the rest is no JSON.
        var (store, _) = JobStore(1);
        const string text = "{\"tag\": \"test.job\", [[[ cut short";
        var hash = StoredSchema.HashTextOf(StoredSchema.HashOf(text));
        File.WriteAllText(Path.Combine(store, FilesystemStore.SchemaFolderName, hash + ".json"), text);

        var listed = Processes.Gc3p("schema", store, "--json").EnsureSuccess();

        var schemas = listed.Lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.True(schemas.Count(s => s.GetProperty("hash").GetString() == hash) == 1, listed.ToString());
        var schema = schemas.Single(s => s.GetProperty("hash").GetString() == hash);
        Assert.False(string.IsNullOrEmpty(schema.GetProperty("damaged").GetString()));
        Assert.Equal(text, schema.GetProperty("documentText").GetString());
        Assert.False(schema.TryGetProperty("document", out _));
        Assert.Contains(schemas, s => s.GetProperty("tag").GetString() == "test.job" && s.TryGetProperty("document", out _)); // the sound one, listed too
    }

    [Fact]
    public void A_copy_whose_records_need_a_schema_the_source_keeps_damaged_names_it_and_exits_1()
    {
        var (store, ids) = JobStore(3);
        var schemaFile = Directory.GetFiles(Path.Combine(store, FilesystemStore.SchemaFolderName)).Single();
        var hash = Path.GetFileNameWithoutExtension(schemaFile);
        File.WriteAllText(schemaFile, "{}"); // damaged: it no longer hashes to its name
        var target = "sqlite://" + _folder.Combine("copy.db");

        var copied = Processes.Gc3p("copy", store, target, "--json");

        Assert.True(copied.ExitCode == 1, copied.ToString());
        Assert.Contains($"gc3p: 3 copied records name the writer schema {hash}, which the source does not keep whole", copied.Error, StringComparison.Ordinal);
        var missing = Assert.Single(JsonDocument.Parse(copied.Output).RootElement.GetProperty("missingSchemas").EnumerateArray());
        Assert.Equal(hash, missing.GetProperty("hash").GetString());
        Assert.Equal(3, missing.GetProperty("records").GetInt64());

        // Every record is in the target all the same, as it was.
        Assert.Equal(ids, Processes.Gc3p("ls", target, "--json").EnsureSuccess().Lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()));
        var again = Processes.Gc3p("copy", store, target);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("0 written, 3 already there", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void What_a_store_skips_as_no_record_makes_verify_and_copy_exit_1()
    {
        var (store, ids) = JobStore(2);
        File.Copy(Path.Combine(store, ids[0]), Path.Combine(store, ids[0].Replace(".", ".0", StringComparison.Ordinal))); // 'Job.01': by its name no record
        Directory.CreateDirectory(Path.Combine(store, "Job.9"));

        var verified = Processes.Gc3p("verify", store);
        Assert.True(verified.ExitCode == 1, verified.ToString());
        Assert.Contains("(store): the store skipped 2 things it holds but could not read", verified.Output, StringComparison.Ordinal);
        Assert.Contains("no zeros before its number", verified.Error, StringComparison.Ordinal);
        Assert.Contains("Job.9: a directory named like a record is no record", verified.Error, StringComparison.Ordinal);

        var target = "sqlite://" + _folder.Combine("copy.db");
        var copied = Processes.Gc3p("copy", store, target);
        Assert.True(copied.ExitCode == 1, copied.ToString());
        Assert.Contains("gc3p: the source skipped 2 things it holds but could not read (the warnings above name each): not copied.", copied.Error, StringComparison.Ordinal);
        Processes.Gc3p("verify", target).EnsureSuccess(); // its warnings that columns wait to be filled are no damage

        // A row whose key makes no ID, which every listing skips.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={target["sqlite://".Length..]};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO store (prefix, seqno, id, tag, data, version) SELECT '../evil', 9, '../evil.9', tag, data, 1 FROM store LIMIT 1";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var forged = Processes.Gc3p("verify", target);
        Assert.True(forged.ExitCode == 1, forged.ToString());
        Assert.Contains("(store): the store skipped 1 thing", forged.Output, StringComparison.Ordinal);
        Assert.Contains("'../evil'", forged.Error, StringComparison.Ordinal);
        Processes.Gc3p("ls", store).EnsureSuccess(); // listing is no check
    }

    [Fact]
    public void Verify_names_a_reference_whose_record_is_of_another_type_than_it_says()
    {
        // Job.1 refers to Executable.2 as an Executable; the record under that ID is now a Node (replaced by hand or
        // forged). A load of Job.1 fails ("the record holds a ..., but 'Job.1' refers to it as a ..."), so verify must
        // not answer "no problems": it checked only that a record of that ID exists.
        var directory = _folder.Combine("retyped");
        string job, executable;
        using (var files = new FilesystemStore(directory))
        {
            var saved = new Job { Name = "refers", Executable = new Executable { Path = "/bin/true" } };
            job = files.Save(saved).ToString();
            executable = saved.Executable.PersistentId!.ToString();
            files.Replace(Id.Parse(executable), new Node { Name = "not an executable" });
            files.InvalidateCache();
            Assert.Throws<LoadException>(() => files.Load<Job>(Id.Parse(job)));
        }

        var verified = Processes.Gc3p("verify", directory);

        Assert.True(verified.ExitCode == 1, verified.ToString());
        Assert.Contains(
            $"{job}: refers to '{executable}' as a '{typeof(Executable).FullName}', but that record is a '{typeof(Node).FullName}'",
            verified.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Stats_and_verify_report_a_counter_with_no_id_left_and_go_on()
    {
        // A record forged under the largest ID number and the counter file lost: the counter, recovered after the
        // highest ID, has no number left. stats and verify stopped at it with that one line, reporting nothing else.
        var (store, ids) = JobStore(2);
        var last = $"Job.{long.MaxValue}";
        var record = File.ReadAllBytes(Path.Combine(store, ids[0]));
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(17), long.MaxValue); // the ID number the record names
        File.WriteAllBytes(Path.Combine(store, last), Resealed(record));
        File.Delete(Path.Combine(store, FilesystemStore.CounterFileName));

        var stats = Processes.Gc3p("stats", store).EnsureSuccess();
        Assert.Contains("test.job", stats.Output, StringComparison.Ordinal);
        Assert.Contains($"ID counter: no number left; highest ID {last}", stats.Output, StringComparison.Ordinal);

        var verified = Processes.Gc3p("verify", store);
        Assert.True(verified.ExitCode == 1, verified.ToString());
        Assert.Contains($"(counter): the ID counter has no number left (it is at {long.MaxValue}; the highest ID is '{last}')", verified.Output, StringComparison.Ordinal);
        Assert.Contains("3 records verified: 1 problem.", verified.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("gc3p:", verified.Error, StringComparison.Ordinal);

        // Copied, every record is in the target, whose counter has no number left either; and so says SQLite's stats.
        var target = "sqlite://" + _folder.Combine("last.db");
        Processes.Gc3p("copy", store, target).EnsureSuccess();
        Assert.Contains($"ID counter: no number left; highest ID {last}", Processes.Gc3p("stats", target).EnsureSuccess().Output, StringComparison.Ordinal);
        Assert.Equal(3, Processes.Gc3p("ls", target, "--json").EnsureSuccess().Lines.Length);
    }

    [Fact]
    public void Show_depth_stops_at_a_budget_where_a_record_names_the_same_record_many_times()
    {
        var directory = _folder.Combine("fan-out");
        string id;
        using (var files = new FilesystemStore(directory))
        {
            var job = new Job { Name = "big", Output = new string('x', 4096) };
            id = files.Save(new Containers { JobList = [.. Enumerable.Repeat(job, 2000)] }).ToString();
        }

        // Each reference is expanded: 2,000 copies of the job, 8 MB of JSON, well inside the default budget.
        var shown = Processes.Gc3p("show", directory, id, "--depth", "1", "--json").EnsureSuccess();
        var list = JsonDocument.Parse(shown.Output).RootElement.GetProperty("JobList");
        Assert.Equal(2000, list.GetArrayLength());
        Assert.All(list.EnumerateArray(), job => Assert.Equal("big", job.GetProperty("Name").GetString()));

        // Four times the largest record: a record of a million such references stops there, not at the end of the memory.
        var limited = Processes.Gc3p("show", directory, id, "--depth", "1", "--max-record-bytes", "1048576");
        Assert.True(limited.ExitCode == 1, limited.ToString());
        Assert.Empty(limited.Output);
        Assert.StartsWith("gc3p: show --depth: the records it expands make more than 4,194,304 bytes of JSON", limited.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Copy_takes_the_largest_batch_size_as_one_batch_of_every_record()
    {
        var (store, ids) = JobStore(3);
        var target = "sqlite://" + _folder.Combine("one-batch.db");

        // It was 'gc3p: Array dimensions exceeded supported range.' (a list sized for int.MaxValue records), and 1e9 reserved 8 GB.
        Processes.Gc3p("copy", store, target, "--batch-size", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)).EnsureSuccess();

        Assert.Equal(ids, Processes.Gc3p("ls", target, "--json").EnsureSuccess().Lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()));
    }

    public void Dispose() => _folder.Dispose();

    // The record with another type tag and its checksum made again, as a forger would (format version 2: the tag's
    // length at 13, the tag at 25, a CRC-32C of everything before it at the end).
    private static byte[] WithTag(byte[] record, string tag)
    {
        var tagBytes = System.Text.Encoding.UTF8.GetBytes(tag);
        var oldLength = BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(13));
        byte[] result = [.. record.AsSpan(0, 25), .. tagBytes, .. record.AsSpan(25 + oldLength)];
        BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(13), (ushort)tagBytes.Length);
        return Resealed(result);
    }

    // The record with its checksum made again: a CRC-32C of everything before it, at the end.
    private static byte[] Resealed(byte[] record)
    {
        var crc = uint.MaxValue;
        foreach (var b in record.AsSpan(0, record.Length - 4))
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78 : crc >> 1;
            }
        }

        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(record.Length - 4), ~crc);
        return record;
    }

    // Every entry under the folder with its bytes (a directory with none).
    private static List<string> Snapshot(string folder)
        => [.. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(path => path + ": " + (File.Exists(path) ? Convert.ToHexString(File.ReadAllBytes(path)) : "directory"))];

    // A file store of 'count' jobs, saved by this process (the test model's types); their IDs.
    private (string Store, string[] Ids) JobStore(int count)
    {
        var directory = _folder.Combine("store-" + Guid.NewGuid().ToString("N")[..8]);
        using var store = new FilesystemStore(directory);
        var ids = Enumerable.Range(0, count).Select(i => store.Save(new Job { Name = $"job {i}" }).ToString()).ToArray();
        return (directory, ids);
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(program, arguments);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
