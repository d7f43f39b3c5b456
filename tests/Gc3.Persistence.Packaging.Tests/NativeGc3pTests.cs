using System.Globalization;
using System.Text.Json;
using Gc3.Persistence.Sqlite;
using JobManager.Domain;

namespace Gc3.Persistence.Packaging.Tests;

/// <summary>
/// gc3p published with Native AOT, as a user would (<c>dotnet publish src/Gc3.Persistence.Tool -r RID -p:PublishAot=true</c>),
/// then the binary alone run as a process on a file store and a SQLite store the library wrote with the sample's classes.
/// </summary>
[Trait("Category", "Slow")]
public sealed class NativeGc3pTests(NativeGc3pFixture native) : IClassFixture<NativeGc3pFixture>
{
    // The only trim/AOT warnings a native publish of gc3p may print: ILC's summaries of MemoryPack.Core's own
    // reflection fallbacks (MemoryPack is not annotated for trimming; see docs/native-aot-and-packages.md).
    private static readonly (string Code, string MessageStart)[] AllowedWarnings =
    [
        ("IL2104", "Assembly 'MemoryPack.Core' produced trim warnings."),
        ("IL3053", "Assembly 'MemoryPack.Core' produced AOT analysis warnings."),
    ];

    [Fact]
    public void Publish_succeeds_as_a_native_binary_and_only_MemoryPack_Core_reports_warnings()
    {
        native.Publish.EnsureSuccess();
        Assert.True(File.Exists(native.Binary), native.Publish.ToString());
        var output = Path.GetDirectoryName(native.Binary)!;
        Assert.False(File.Exists(Path.Combine(output, "gc3p.dll")), "a native publish must not produce an IL gc3p.dll");
        Assert.Empty(Directory.EnumerateFiles(output, "Gc3.Persistence*.dll"));
        Assert.True(new FileInfo(native.Binary).Length > 1_000_000, "the native binary holds the compiled code");

        var trimAndAot = BuildWarnings.Parse(native.Publish.Output).Where(w => w.Code.StartsWith("IL2", StringComparison.Ordinal) || w.Code.StartsWith("IL3", StringComparison.Ordinal)).ToList();
        var report = string.Join("\n", trimAndAot) + "\n" + native.Publish;
        Assert.All(trimAndAot, w => Assert.True(
            AllowedWarnings.Any(a => a.Code == w.Code && w.Message.StartsWith(a.MessageStart, StringComparison.Ordinal)), $"not allowed: {w.Code}: {w.Message}\n{report}"));
        // None names our assemblies (the tool, the library, its stores) or our types.
        Assert.DoesNotContain(trimAndAot, w => w.Message.Contains("Gc3.Persistence", StringComparison.Ordinal) || w.Message.Contains("gc3p", StringComparison.Ordinal));
    }

    [Fact]
    public void Native_binary_lists_shows_dumps_verifies_and_copies_a_file_and_a_SQLite_store()
    {
        native.Publish.EnsureSuccess();
        var folder = native.NewFolder("session");
        var fileStore = Path.Combine(folder, "jobs");
        var sqliteStore = "sqlite://" + Path.Combine(folder, "jobs.db");
        var saved = Write(fileStore);
        Assert.Equal(saved, Write(sqliteStore)); // the same IDs in both stores: each starts its counter at 1

        foreach (var store in new[] { fileStore, sqliteStore })
        {
            ReadAndVerify(folder, store, saved);
        }

        // Copy the file store into a new SQLite store: the target verifies clean with the same records.
        var copy = "sqlite://" + Path.Combine(folder, "copy.db");
        var copied = JsonDocument.Parse(Gc3p(folder, "copy", fileStore, copy, "--json").EnsureSuccess().Output).RootElement;
        Assert.Equal(6, copied.GetProperty("records").GetInt64());
        Assert.Equal(6, copied.GetProperty("written").GetInt64());
        Assert.Equal("6 records verified: no problems.", Gc3p(folder, "verify", copy).EnsureSuccess().Lines[^1]);
        Assert.Equal(6, JsonDocument.Parse(Gc3p(folder, "stats", copy, "--json").EnsureSuccess().Output).RootElement.GetProperty("records").GetInt64());
        Assert.Equal(Gc3p(folder, "dump", fileStore).EnsureSuccess().Output, Gc3p(folder, "dump", copy).EnsureSuccess().Output);

        // Damage one record file: verify names it and exits 1.
        var damaged = saved.Jobs[1];
        var path = Path.Combine(fileStore, damaged);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        var verified = Gc3p(folder, "verify", fileStore);
        Assert.True(verified.ExitCode == 1, verified.ToString());
        Assert.Contains(verified.Lines, line => line.StartsWith(damaged + ": ", StringComparison.Ordinal) && line.Contains("checksum", StringComparison.Ordinal));
        Assert.Equal("6 records verified: 1 problem.", verified.Lines[^1]);
        Assert.DoesNotContain("   at ", verified.Error, StringComparison.Ordinal);
    }

    private void ReadAndVerify(string folder, string store, SavedIds saved)
    {
        string[] all = [saved.Echo, saved.Shell, .. saved.Jobs, saved.Batch];
        var listed = Gc3p(folder, "ls", store, "--json").EnsureSuccess().Lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(all.Order(IdOrder), listed.Select(r => r.GetProperty("id").GetString()!));
        Assert.Equal(["jobmanager.batch", "jobmanager.executable", "jobmanager.executable", "jobmanager.job", "jobmanager.job", "jobmanager.job"], listed.Select(r => r.GetProperty("tag").GetString()));
        Assert.All(listed, r => Assert.InRange(r.GetProperty("size").GetInt64(), 50, 2000));
        var text = Gc3p(folder, "ls", store, "--prefix", "job").EnsureSuccess();
        Assert.Equal(4, text.Lines.Length);
        Assert.StartsWith(saved.Jobs[0] + " ", text.Lines[0], StringComparison.Ordinal);

        // show: one job, members by name, references as IDs; --depth 1 expands the executable.
        var shown = JsonDocument.Parse(Gc3p(folder, "show", store, saved.Jobs[1]).EnsureSuccess().Output).RootElement;
        Assert.Equal(saved.Jobs[1], shown.GetProperty("$id").GetString());
        Assert.Equal("count", shown.GetProperty("Name").GetString());
        Assert.Equal(saved.Shell, shown.GetProperty("Executable").GetProperty("$ref").GetString());
        var expanded = JsonDocument.Parse(Gc3p(folder, "show", store, saved.Jobs[0], "--depth", "1").EnsureSuccess().Output).RootElement;
        Assert.Equal("/bin/echo", expanded.GetProperty("Executable").GetProperty("Path").GetString());

        // dump: every record as a JSON line, compared with what was saved.
        var dumped = Gc3p(folder, "dump", store).EnsureSuccess().Lines.Select(line => JsonDocument.Parse(line).RootElement).ToDictionary(d => d.GetProperty("$id").GetString()!);
        Assert.Equal(all.Order(), dumped.Keys.Order());
        Assert.Equal("/bin/echo", dumped[saved.Echo].GetProperty("Path").GetString());
        Assert.Equal(new string('e', 64), dumped[saved.Echo].GetProperty("Checksum").GetString());
        Assert.Equal(7, dumped[saved.Shell].GetProperty("SizeBytes").GetInt64());
        string[] names = ["hello", "count", "greet"];
        for (var i = 0; i < 3; i++)
        {
            var job = dumped[saved.Jobs[i]];
            Assert.Equal(names[i], job.GetProperty("Name").GetString());
            Assert.Equal("New", job.GetProperty("State").GetString());
            Assert.Equal(Created, job.GetProperty("Created").GetDateTime());
            Assert.Equal([names[i] + " argument"], job.GetProperty("Arguments").EnumerateArray().Select(a => a.GetString()));
            Assert.Equal(i == 1 ? saved.Shell : saved.Echo, job.GetProperty("Executable").GetProperty("$ref").GetString());
        }

        Assert.Equal(2, dumped[saved.Jobs[1]].GetProperty("Resources").GetProperty("Cores").GetInt32());
        Assert.Equal("hi", dumped[saved.Jobs[2]].GetProperty("Environment").GetProperty("GREETING").GetString());
        Assert.Equal("demo", dumped[saved.Batch].GetProperty("Name").GetString());
        Assert.Equal(saved.Jobs.Take(2), dumped[saved.Batch].GetProperty("Jobs").EnumerateArray().Select(r => r.GetProperty("$ref").GetString()));

        var stats = JsonDocument.Parse(Gc3p(folder, "stats", store, "--json").EnsureSuccess().Output).RootElement;
        Assert.Equal(6, stats.GetProperty("records").GetInt64());
        Assert.Equal(listed.Sum(r => r.GetProperty("size").GetInt64()), stats.GetProperty("bytes").GetInt64());
        Assert.Equal(all.MaxBy(id => Id.Parse(id).SeqNo), stats.GetProperty("highestId").GetString());

        var schema = Gc3p(folder, "schema", store, "jobmanager.job").EnsureSuccess();
        Assert.StartsWith("jobmanager.job  schema ", schema.Lines[0], StringComparison.Ordinal);
        Assert.Contains(schema.Lines, line => line.StartsWith("Arguments ", StringComparison.Ordinal) && line.EndsWith("list<string>", StringComparison.Ordinal));
        var schemas = Gc3p(folder, "schema", store, "--json").EnsureSuccess().Lines.Select(line => JsonDocument.Parse(line).RootElement);
        Assert.Equal(["jobmanager.batch", "jobmanager.executable", "jobmanager.job"], schemas.Select(s => s.GetProperty("tag").GetString()));

        Assert.Equal("6 records verified: no problems.", Gc3p(folder, "verify", store).EnsureSuccess().Lines[^1]);
    }

    private static readonly DateTime Created = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private static readonly Comparer<string> IdOrder = Comparer<string>.Create((x, y) => Id.Parse(x).CompareTo(Id.Parse(y)));

    // Two executables, three jobs (two share an executable), a batch of the first two jobs, saved through the library.
    private static SavedIds Write(string uri)
    {
        SqliteStoreRegistration.EnsureRegistered();
        var echo = new Executable { Path = "/bin/echo", Checksum = new string('e', 64), SizeBytes = 5 };
        var shell = new Executable { Path = "/bin/sh", Checksum = new string('5', 64), SizeBytes = 7 };
        var hello = Job.Create("hello", echo, Created);
        var count = Job.Create("count", shell, Created);
        count.Resources = new ResourceRequest(2, 64);
        var greet = Job.Create("greet", echo, Created);
        greet.Environment["GREETING"] = "hi";
        Job[] jobs = [hello, count, greet];
        foreach (var job in jobs)
        {
            job.Arguments.Add(job.Name + " argument");
        }

        var batch = new JobBatch { Name = "demo", Jobs = [hello, count] };
        using (var store = StoreFactory.Make(uri, new StoreOptions { CreateIfMissing = true }))
        {
            store.SaveMany([.. jobs, batch]);
        }

        static string IdOf(object o) => ((IPersistable)o).PersistentId!.ToString();
        return new SavedIds(IdOf(echo), IdOf(shell), [.. jobs.Select(IdOf)], IdOf(batch));
    }

    private ProcessResult Gc3p(string folder, params string[] arguments)
        => ProcessRunner.Run(native.Binary, arguments, folder, TimeSpan.FromMinutes(2));

    private sealed record SavedIds(string Echo, string Shell, IReadOnlyList<string> Jobs, string Batch)
    {
        public bool Equals(SavedIds? other)
            => other is not null && (Echo, Shell, Batch) == (other.Echo, other.Shell, other.Batch) && Jobs.SequenceEqual(other.Jobs);

        public override int GetHashCode() => HashCode.Combine(Echo, Shell, Batch);

        public override string ToString() => $"{Echo} {Shell} {string.Join(",", Jobs)} {Batch}";
    }
}
