using System.Text.RegularExpressions;

namespace Gc3.Persistence.Tool.Tests;

/// <summary>
/// gc3p end to end, as processes: stores written by the sample job manager on each kind of store are
/// listed, shown, dumped and verified; damage is reported by verify with the IDs; copies between every
/// pair of stores give equal stores, also after a kill -9 midway and a rerun.
/// </summary>
public sealed class ToolTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly TemporaryDirectory _folder = new("gc3p");

    public static TheoryData<string> Kinds => [.. StoreKind.All];

    public static TheoryData<string, string> Pairs
    {
        get
        {
            var pairs = new TheoryData<string, string>();
            foreach (var from in StoreKind.All)
            {
                foreach (var to in StoreKind.All.Where(k => k != from))
                {
                    pairs.Add(from, to);
                }
            }

            return pairs;
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SampleStore_IsListedShownDumpedAndVerifiedClean(string kind)
    {
        var store = SampleStore(kind);

        var listed = Listing(store);
        Assert.Equal(["batch", "exe", "exe", "job", "job", "job"], listed.Select(r => r.Id.Split('.')[0]));
        Assert.Equal(listed.Select(r => r.Id).Order(IdOrder), listed.Select(r => r.Id));
        Assert.Equal(["jobmanager.batch", "jobmanager.executable", "jobmanager.executable", "jobmanager.job", "jobmanager.job", "jobmanager.job"], listed.Select(r => r.Tag));
        var jobs = listed.Where(r => r.Tag == "jobmanager.job").Select(r => r.Id).ToList();
        Assert.All(listed, r => Assert.InRange(r.Size, 100, 2000));
        if (kind != StoreKind.File)
        {
            Assert.Equal(["Terminated", "Terminated", "Terminated"], listed.Where(r => r.Tag == "jobmanager.job").Select(r => r.State));
        }

        var text = Processes.Gc3p("ls", store, "--prefix", "job").EnsureSuccess();
        Assert.Equal(4, text.Lines.Length);
        Assert.StartsWith(jobs[0] + " ", text.Lines[0], StringComparison.Ordinal);
        Assert.Equal("3 records, " + listed.Where(r => r.Id.StartsWith("job.", StringComparison.Ordinal)).Sum(r => r.Size).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes", text.Lines[^1]);
        Assert.Single(Processes.Gc3p("ls", store, "--tag", "jobmanager.batch", "--json").EnsureSuccess().Lines);

        var dumped = Dump(store);
        Assert.Equal(listed.Select(r => r.Id), dumped.Select(d => d.GetProperty("$id").GetString()));
        Assert.Equal(listed.Select(r => r.Tag), dumped.Select(d => d.GetProperty("$tag").GetString()));

        // The dump is the objects the sample saved, members by name, references as IDs.
        var byId = dumped.ToDictionary(d => d.GetProperty("$id").GetString()!);
        var hello = dumped.Single(d => d.TryGetProperty("Name", out var name) && name.GetString() == "hello");
        var count = dumped.Single(d => d.TryGetProperty("Name", out var name) && name.GetString() == "count");
        var greet = dumped.Single(d => d.TryGetProperty("Name", out var name) && name.GetString() == "greet");
        Assert.Equal(jobs, new[] { hello, count, greet }.Select(j => j.GetProperty("$id").GetString()));
        Assert.All(new[] { hello, count, greet }, job =>
        {
            Assert.Equal("Terminated", job.GetProperty("State").GetString());
            Assert.Equal(0, job.GetProperty("ExitCode").GetInt32());
            Assert.True(job.GetProperty("Finished").GetDateTime() >= job.GetProperty("Started").GetDateTime());
        });
        Assert.Equal(["Hello from a persisted job"], hello.GetProperty("Arguments").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("Hello from a persisted job\n", hello.GetProperty("Output").GetString());
        Assert.Equal(["-c", "echo 1"], count.GetProperty("Arguments").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["shell"], count.GetProperty("Tags").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(2, count.GetProperty("Resources").GetProperty("Cores").GetInt32());
        Assert.Equal("hi", greet.GetProperty("Environment").GetProperty("GREETING").GetString());
        Assert.Equal(["greetings"], greet.GetProperty("Arguments").EnumerateArray().Select(a => a.GetString()));
        var echo = hello.GetProperty("Executable").GetProperty("$ref").GetString()!;
        Assert.Equal(echo, greet.GetProperty("Executable").GetProperty("$ref").GetString()); // one executable, shared
        Assert.EndsWith("/echo", byId[echo].GetProperty("Path").GetString(), StringComparison.Ordinal);
        Assert.Equal(64, byId[echo].GetProperty("Checksum").GetString()!.Length);
        var batch = dumped.Single(d => d.GetProperty("$tag").GetString() == "jobmanager.batch");
        Assert.Equal("demo", batch.GetProperty("Name").GetString());
        Assert.Equal(jobs.Take(2), batch.GetProperty("Jobs").EnumerateArray().Select(r => r.GetProperty("$ref").GetString()));

        using var shown = JsonDocument.Parse(Processes.Gc3p("show", store, jobs[1]).EnsureSuccess().Output);
        Assert.Equal(jobs[1], shown.RootElement.GetProperty("$id").GetString());
        Assert.True(JsonElement.DeepEquals(count, shown.RootElement), shown.RootElement.ToString());
        using var expanded = JsonDocument.Parse(Processes.Gc3p("show", store, jobs[0], "--depth", "1").EnsureSuccess().Output);
        Assert.EndsWith("/echo", expanded.RootElement.GetProperty("Executable").GetProperty("Path").GetString(), StringComparison.Ordinal);

        var schema = Processes.Gc3p("schema", store, "jobmanager.job").EnsureSuccess();
        Assert.StartsWith("jobmanager.job  schema ", schema.Lines[0], StringComparison.Ordinal);
        Assert.Contains(schema.Lines, line => line.StartsWith("Arguments ", StringComparison.Ordinal) && line.EndsWith("list<string>", StringComparison.Ordinal));
        Assert.Contains(schema.Lines, line => line.StartsWith("enum JobManager.Domain.JobState : int32 = New 0,", StringComparison.Ordinal));
        var schemas = Processes.Gc3p("schema", store, "--json").EnsureSuccess().Lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["jobmanager.batch", "jobmanager.executable", "jobmanager.job"], schemas.Select(s => s.GetProperty("tag").GetString()));
        Assert.All(schemas, s => Assert.Equal(s.GetProperty("tag").GetString(), s.GetProperty("document").GetProperty("tag").GetString()));

        var stats = JsonDocument.Parse(Processes.Gc3p("stats", store, "--json").EnsureSuccess().Output).RootElement;
        Assert.Equal(6, stats.GetProperty("records").GetInt64());
        Assert.Equal(listed.Sum(r => r.Size), stats.GetProperty("bytes").GetInt64());
        Assert.Equal(3, stats.GetProperty("tags").EnumerateArray().Count());
        var highest = listed.MaxBy(r => long.Parse(r.Id.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture)).Id;
        Assert.Equal(highest, stats.GetProperty("highestId").GetString());
        Assert.True(stats.GetProperty("nextIdNumber").GetInt64() > long.Parse(highest.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture));

        var verified = Processes.Gc3p("verify", store).EnsureSuccess();
        Assert.Equal("6 records verified: no problems.", verified.Lines[^1]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Verify_ReportsEachDamagedRecordAndALoweredCounter_WithTheirIds(string kind)
    {
        var store = SampleStore(kind);
        var raw = new RawStoreAccess(store, server);
        var listed = Listing(store);
        var jobs = listed.Where(r => r.Tag == "jobmanager.job").Select(r => r.Id).ToList();
        var executable = listed.First(r => r.Tag == "jobmanager.executable").Id;
        var highest = listed.MaxBy(r => long.Parse(r.Id.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture)).Id;

        // The first job: one bit of its body flipped; the second: cut short; the third: the bytes of an executable (a record naming another ID).
        var flipped = raw.Read(jobs[0]);
        flipped[flipped.Length / 2] ^= 0x10;
        raw.Write(jobs[0], flipped);
        var cut = raw.Read(jobs[1]);
        raw.Write(jobs[1], cut[..(cut.Length - 9)]);
        raw.Write(jobs[2], raw.Read(executable));
        raw.SetCounter(4);

        var verified = Processes.Gc3p("verify", store);
        Assert.Equal(1, verified.ExitCode);
        Assert.Contains(verified.Lines, line => line.StartsWith(jobs[0] + ": ", StringComparison.Ordinal) && line.Contains("checksum", StringComparison.Ordinal));
        Assert.Contains(verified.Lines, line => line.StartsWith(jobs[1] + ": ", StringComparison.Ordinal) && line.Contains("truncated", StringComparison.Ordinal));
        Assert.Contains(verified.Lines, line => line.StartsWith(jobs[2] + ": ", StringComparison.Ordinal) && line.Contains($"'{executable}'", StringComparison.Ordinal));
        Assert.Contains(verified.Lines, line => line.Contains("gives 4 next", StringComparison.Ordinal) && line.Contains($"'{highest}' exists", StringComparison.Ordinal));
        // A SQL store also keeps the tag beside the record: the executable's record in a job's row contradicts it.
        var sql = kind != StoreKind.File;
        if (sql)
        {
            Assert.Contains(verified.Lines, line => line.StartsWith(jobs[2] + ": ", StringComparison.Ordinal) && line.Contains("tag column", StringComparison.Ordinal));
        }

        Assert.Equal($"6 records verified: {(sql ? 5 : 4)} problems.", verified.Lines[^1]);
        Assert.DoesNotContain("   at ", verified.Error, StringComparison.Ordinal);

        var json = Processes.Gc3p("verify", store, "--json");
        Assert.Equal(1, json.ExitCode);
        var lines = json.Lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal([.. jobs, .. sql ? [jobs[2]] : Array.Empty<string>(), "(counter)"], lines.SkipLast(1).Select(l => l.GetProperty("id").GetString()));
        Assert.Equal(sql ? 5 : 4, lines[^1].GetProperty("problems").GetInt64());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Verify_ReportsADanglingReference_WithTheReferrersId(string kind)
    {
        var store = SampleStore(kind);
        var dumped = Dump(store);
        var shell = dumped.Single(d => d.TryGetProperty("Path", out var path) && path.GetString()!.EndsWith("/sh", StringComparison.Ordinal)).GetProperty("$id").GetString()!;
        var count = dumped.Single(d => d.TryGetProperty("Name", out var name) && name.GetString() == "count").GetProperty("$id").GetString()!;
        new RawStoreAccess(store, server).Remove(shell);

        var verified = Processes.Gc3p("verify", store);
        Assert.Equal(1, verified.ExitCode);
        Assert.Equal($"{count}: references '{shell}', which is not in the store (a dangling reference: loading it fails unless missing references load as null)", verified.Lines[0]);
        Assert.Equal("5 records verified: 1 problem.", verified.Lines[^1]);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Copy_BetweenTwoStores_GivesEqualStores(string from, string to)
    {
        var source = SampleStore(from);
        var target = StoreKind.New(to, _folder, server, "copy");

        var copied = Processes.Gc3p("copy", source, target, "--json").EnsureSuccess();
        var result = JsonDocument.Parse(copied.Output).RootElement;
        Assert.Equal(6, result.GetProperty("records").GetInt64());
        Assert.Equal(3, result.GetProperty("schemas").GetInt64());
        Assert.Equal(6, result.GetProperty("written").GetInt64());
        AssertEqualStores(source, target);
        Processes.Gc3p("verify", target).EnsureSuccess();

        // Run again: nothing to write, nothing changes.
        var again = JsonDocument.Parse(Processes.Gc3p("copy", source, target, "--json").EnsureSuccess().Output).RootElement;
        Assert.Equal(0, again.GetProperty("written").GetInt64());
        Assert.Equal(0, again.GetProperty("schemas").GetInt64());
        Assert.Equal(6, again.GetProperty("alreadyThere").GetInt64());
        AssertEqualStores(source, target);

        // The application works on the copy: its counter is past every copied ID.
        var submitted = Processes.JobManager(target, "submit", "after-copy", "--exe", "echo").EnsureSuccess();
        Assert.Matches(@"Submitted job\.(\d{2,}|[7-9]) ", submitted.Output);
        Assert.Contains("after-copy", Processes.JobManager(target, "list").EnsureSuccess().Output, StringComparison.Ordinal);
    }

    // The plain report (without --json): its two lines, with counts of one in the singular.
    [Fact]
    public void Copy_OfOneRecord_ReportsOneRecordAndOneSchema()
    {
        var source = _folder.Combine("one");
        using (var store = StoreFactory.Make(source))
        {
            store.Save(new Gc3.Persistence.TestModel.Job { Name = "only" });
        }

        var target = "sqlite://" + _folder.Combine("one-copy.db");
        var copied = Processes.Gc3p("copy", source, target).EnsureSuccess();
        Assert.Equal(2, copied.Lines.Length);
        Assert.Matches($@"^Copied 1 record \(\d+ bytes\) from {Regex.Escape(source)} to {Regex.Escape(target)}: 1 written, 0 already there; 1 schema added\.$", copied.Lines[0]);
        Assert.Matches(@"^The target holds 1 record; its ID counter gives \d+ next\.$", copied.Lines[1]);

        var again = Processes.Gc3p("copy", source, target).EnsureSuccess();
        Assert.EndsWith(": 0 written, 1 already there; 0 schemas added.", again.Lines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StoreKind.File, StoreKind.Sqlite)]
    [InlineData(StoreKind.Sqlite, StoreKind.Postgres)]
    [InlineData(StoreKind.Postgres, StoreKind.File)]
    public void Copy_KilledMidway_FinishesWhenRunAgain(string from, string to)
    {
        var source = LargeStore(from, jobs: 3000);
        var target = StoreKind.New(to, _folder, server, "copy");

        // Small batches make the copy long enough to be killed in the middle of it.
        using (var copying = Processes.StartGc3p("copy", source, target, "--batch-size", "5"))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (CountOf(target) < 200 && DateTime.UtcNow < deadline && !copying.HasExited)
            {
                Thread.Sleep(20);
            }

            Assert.False(copying.HasExited, "the copy ended before it could be killed");
            copying.Kill(entireProcessTree: true); // SIGKILL: no handler runs
            copying.WaitForExit();
        }

        var partial = CountOf(target);
        Assert.InRange(partial, 200, 2 * 3000 - 1);

        var rerun = JsonDocument.Parse(Processes.Gc3p("copy", source, target, "--json").EnsureSuccess().Output).RootElement;
        Assert.Equal(2 * 3000, rerun.GetProperty("records").GetInt64());
        Assert.True(rerun.GetProperty("alreadyThere").GetInt64() >= 200, rerun.ToString());
        AssertEqualStores(source, target);
        Processes.Gc3p("verify", target).EnsureSuccess();
    }

    [Theory]
    [InlineData(StoreKind.File)]
    [InlineData(StoreKind.Sqlite)]
    public void Copy_IntoAStoreWithAnotherRecordUnderAnId_ReportsTheClashAndOverwritesNothing(string kind)
    {
        // Two sessions of the sample give the same IDs, and jobs that differ (their times).
        var source = SampleStore(kind);
        var target = SampleStore(kind, "other");
        var before = Dump(target).Select(d => d.ToString()).ToList();

        var copied = Processes.Gc3p("copy", source, target);
        Assert.Equal(1, copied.ExitCode);
        Assert.Matches(@"^gc3p: '.*' already holds a different record under 'job\.\d+': nothing was overwritten", copied.Error);
        Assert.Single(copied.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(before, Dump(target).Select(d => d.ToString()));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public void Copy_IntoAStoreWhoseSchemaRowsAreDamaged_ReplacesThemAndSaysSo(string kind)
    {
        var source = SampleStore(StoreKind.File);
        var target = StoreKind.New(kind, _folder, server, "target");
        Processes.Gc3p("copy", source, target).EnsureSuccess();
        new RawStoreAccess(target, server).DamageSchemas();
        Assert.Equal(1, Processes.Gc3p("verify", target).ExitCode); // the records cannot be decoded

        // Run again, the copy adds the schemas it counts, not only rows that were missing.
        var copied = Processes.Gc3p("copy", source, target, "--json").EnsureSuccess();
        Assert.Equal(3, JsonDocument.Parse(copied.Output).RootElement.GetProperty("schemas").GetInt32());
        Assert.Contains("Replacing the damaged schema", copied.Error, StringComparison.Ordinal);
        Processes.Gc3p("verify", target).EnsureSuccess();
        AssertEqualStores(source, target);
    }

    [Fact]
    public void BadInput_IsOneLineAndANonZeroExitCode()
    {
        var store = SampleStore(StoreKind.File);
        (string[] Arguments, int ExitCode, string Says)[] cases =
        [
            (["ls", "nosuch://x"], 2, "No store is registered for the scheme 'nosuch'"),
            (["ls", _folder.Combine("missing")], 1, "There is no store at"),
            (["verify", "sqlite://" + _folder.Combine("missing.db")], 1, "There is no store at"),
            (["show", store, "job.x"], 2, "'job.x' is not an ID"),
            (["show", store, "job.99"], 1, "There is no record 'job.99'"),
            (["copy", store, "file://" + store], 2, "the same store"),
            (["copy", store], 2, "TARGET"),
            (["frobnicate"], 2, "frobnicate"),
        ];
        foreach (var (arguments, exitCode, says) in cases)
        {
            var result = Processes.Gc3p(arguments);
            Assert.True(exitCode == result.ExitCode, result.ToString());
            Assert.Contains(says, result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
            Assert.Empty(result.Output);
        }

        // An unreadable record is named by show and dump, which go on with the others.
        var job = Listing(store).First(r => r.Tag == "jobmanager.job").Id;
        new RawStoreAccess(store, server).Write(job, [1, 2, 3]);
        var shown = Processes.Gc3p("show", store, job);
        Assert.Equal(1, shown.ExitCode);
        Assert.StartsWith($"gc3p: Cannot load record '{job}': the record is truncated (3 bytes", shown.Error.Trim(), StringComparison.Ordinal);
        Assert.Single(shown.Error.Trim().Split('\n'));
        var dumped = Processes.Gc3p("dump", store);
        Assert.Equal(1, dumped.ExitCode);
        Assert.Equal(5, dumped.Lines.Length);
        Assert.Contains(job, dumped.Error, StringComparison.Ordinal);
    }

    // gc3p schema TAG picks schemas by the tag their document gives, the one every decoding of records reads, not by a SQL
    // store's tag column: a column altered by hand must neither hide a schema from its tag nor show it under another.
    [Fact]
    public void Schema_ByTag_PicksByTheDocumentsTagNotTheTagColumn()
    {
        var uri = "sqlite://" + StoreWithTagColumnAltered();
        var found = Processes.Gc3p("schema", uri, "test.job").EnsureSuccess();
        Assert.StartsWith("test.job  schema ", found.Lines[0], StringComparison.Ordinal);
        Assert.Contains(found.Lines, line => line.StartsWith("Name ", StringComparison.Ordinal));

        var json = Processes.Gc3p("schema", uri, "test.job", "--json").EnsureSuccess();
        var schema = JsonDocument.Parse(Assert.Single(json.Lines)).RootElement;
        Assert.Equal("test.job", schema.GetProperty("tag").GetString());
        Assert.Equal("test.job", schema.GetProperty("document").GetProperty("tag").GetString());

        var altered = Processes.Gc3p("schema", uri, "altered");
        Assert.True(altered.ExitCode == 1, altered.ToString());
        Assert.Contains("keeps no writer schema of the tag 'altered'", altered.Error, StringComparison.Ordinal);
    }

    // A database holding a Job, whose schema row's tag column says 'altered' instead of its document's 'test.job'.
    private string StoreWithTagColumnAltered()
    {
        var path = _folder.Combine("store.db");
        using (var writer = new Gc3.Persistence.Sqlite.SqliteStore(path))
        {
            writer.Save(new Gc3.Persistence.TestModel.Job { Name = "kept" });
        }

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE store_schema SET tag = 'altered' WHERE tag = 'test.job'";
        Assert.Equal(1, command.ExecuteNonQuery());
        return path;
    }

    public void Dispose() => _folder.Dispose();

    // A store the sample wrote: a batch of two jobs sharing an executable, a third job, all run.
    private string SampleStore(string kind, string name = "store")
    {
        var store = StoreKind.New(kind, _folder, server, name);
        Processes.JobManager(store, "submit", "hello", "--exe", "echo", "--batch", "demo", "--", "Hello from a persisted job").EnsureSuccess();
        Processes.JobManager(store, "submit", "count", "--exe", "sh", "--arg", "-c", "--arg", "echo 1", "--batch", "demo", "--tag", "shell", "--cores", "2").EnsureSuccess();
        Processes.JobManager(store, "submit", "greet", "--exe", "echo", "--env", "GREETING=hi", "--arg", "greetings").EnsureSuccess();
        Processes.JobManager(store, "run").EnsureSuccess();
        return store;
    }

    private static readonly Comparer<string> IdOrder = Comparer<string>.Create((x, y) => Id.Parse(x).CompareTo(Id.Parse(y)));

    // Many records at once, written by the sample's classes through the library, then copied by gc3p to other kinds.
    private string LargeStore(string kind, int jobs)
    {
        var directory = _folder.Combine("large-" + Guid.NewGuid().ToString("N")[..8]);
        using (var files = new Files.FilesystemStore(directory))
        {
            var now = DateTime.UtcNow;
            var roots = new List<object>();
            for (var i = 0; i < jobs; i++)
            {
                var executable = new JobManager.Domain.Executable { Path = $"/bin/tool{i}", Checksum = new string('a', 64), SizeBytes = i };
                var job = JobManager.Domain.Job.Create($"job {i}", executable, now);
                job.Arguments.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                roots.Add(job);
            }

            files.SaveMany(roots);
        }

        if (kind == StoreKind.File)
        {
            return directory;
        }

        var store = StoreKind.New(kind, _folder, server, "large");
        Processes.Gc3p("copy", directory, store).EnsureSuccess();
        return store;
    }

    private static long CountOf(string store)
    {
        try
        {
            if (!store.Contains("://", StringComparison.Ordinal))
            {
                return Directory.Exists(store) ? Directory.EnumerateFiles(store).Count(f => !Path.GetFileName(f).StartsWith('.')) : 0;
            }

            if (store.StartsWith("sqlite://", StringComparison.Ordinal))
            {
                // In process: a gc3p process per poll now takes longer than a whole copy into SQLite.
                using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store["sqlite://".Length..]};Mode=ReadOnly;Pooling=False");
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT count(*) FROM store";
                return (long)command.ExecuteScalar()!;
            }

            var stats = Processes.Gc3p("stats", store, "--json");
            return stats.ExitCode == 0 ? JsonDocument.Parse(stats.Output).RootElement.GetProperty("records").GetInt64() : 0;
        }
        catch (Exception e) when (e is IOException or JsonException or Microsoft.Data.Sqlite.SqliteException)
        {
            return 0;
        }
    }

    private static List<(string Id, string Tag, long Size, string? State)> Listing(string store)
        => [.. Processes.Gc3p("ls", store, "--json").EnsureSuccess().Lines.Select(line =>
        {
            var record = JsonDocument.Parse(line).RootElement;
            return (record.GetProperty("id").GetString()!, record.GetProperty("tag").GetString()!, record.GetProperty("size").GetInt64(),
                record.TryGetProperty("state", out var state) ? state.GetString() : null);
        })];

    private static List<JsonElement> Dump(string store)
        => [.. Processes.Gc3p("dump", store).EnsureSuccess().Lines.Select(line => JsonDocument.Parse(line).RootElement)];

    // Equal stores: the same IDs, tags and sizes, the same records (their dumps), and the target's counter past the source's IDs.
    private static void AssertEqualStores(string source, string target)
    {
        Assert.Equal(Listing(source).Select(r => (r.Id, r.Tag, r.Size)), Listing(target).Select(r => (r.Id, r.Tag, r.Size)));
        Assert.Equal(Dump(source).Select(d => d.ToString()), Dump(target).Select(d => d.ToString()));
        Assert.Equal(Processes.Gc3p("schema", source, "--json").EnsureSuccess().Output, Processes.Gc3p("schema", target, "--json").EnsureSuccess().Output);
        var sourceStats = JsonDocument.Parse(Processes.Gc3p("stats", source, "--json").EnsureSuccess().Output).RootElement;
        var targetStats = JsonDocument.Parse(Processes.Gc3p("stats", target, "--json").EnsureSuccess().Output).RootElement;
        Assert.True(targetStats.GetProperty("nextIdNumber").GetInt64() >= sourceStats.GetProperty("nextIdNumber").GetInt64(), $"{sourceStats}\n{targetStats}");
    }
}
