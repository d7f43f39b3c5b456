using Gc3.Persistence.Files;
using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Tool.Tests;

/// <summary>
/// <c>--max-nesting-depth</c> and <c>--max-record-bytes</c>: gc3p opens every store with the limits the
/// application used (<see cref="StoreOptions.MaxNestingDepth"/>, <see cref="StoreOptions.MaxRecordBytes"/>),
/// so a store written with a deeper nesting than the default 64 is shown, checked and copied with its own limit.
/// </summary>
public sealed class StoreLimitOptionTests : IDisposable
{
    // The JSON of an orchard 80 branches deep nests deeper than System.Text.Json reads by default.
    private static readonly JsonDocumentOptions Deep = new() { MaxDepth = 256 };

    private readonly TemporaryDirectory _folder = new("gc3p-limits");

    [Fact]
    public void A_record_nesting_deeper_than_64_is_reported_by_default_and_clean_with_the_applications_limit()
    {
        var (store, deep, shallow) = DeepStore(levels: 80, maxNestingDepth: 100);

        var byDefault = Processes.Gc3p("verify", store);
        Assert.True(byDefault.ExitCode == 1, byDefault.ToString());
        Assert.Equal(2, byDefault.Lines.Length);
        Assert.StartsWith($"{deep}: ", byDefault.Lines[0], StringComparison.Ordinal);
        Assert.Contains("more than 64 deep", byDefault.Lines[0], StringComparison.Ordinal);
        Assert.Equal("2 records verified: 1 problem.", byDefault.Lines[^1]);
        Assert.Equal(1, Processes.Gc3p("show", store, deep).ExitCode);

        // The option before the command or after it.
        Assert.Equal("2 records verified: no problems.", Processes.Gc3p("--max-nesting-depth", "100", "verify", store).EnsureSuccess().Lines[^1]);
        Assert.Equal("2 records verified: no problems.", Processes.Gc3p("verify", store, "--max-nesting-depth", "100").EnsureSuccess().Lines[^1]);

        // show and dump decode it whole: 80 branches, each named.
        var shown = JsonDocument.Parse(Processes.Gc3p("show", store, deep, "--max-nesting-depth", "100").EnsureSuccess().Output, Deep).RootElement;
        Assert.Equal(80, Chain(shown.GetProperty("Root")).Count);
        Assert.Equal(Enumerable.Range(0, 80).Select(i => $"level {i}"), Chain(shown.GetProperty("Root")));
        var dumped = Processes.Gc3p("dump", store, "--max-nesting-depth", "100").EnsureSuccess().Lines;
        Assert.Equal([deep, shallow], dumped.Select(line => JsonDocument.Parse(line, Deep).RootElement.GetProperty("$id").GetString()));

        // A limit below the record's nesting refuses it, naming the limit; the shallow record still passes.
        var lower = Processes.Gc3p("verify", store, "--max-nesting-depth", "50");
        Assert.Equal(1, lower.ExitCode);
        Assert.Contains("more than 50 deep", lower.Lines[0], StringComparison.Ordinal);

        // copy opens both stores with the limit: the copy verifies clean with it too.
        var copy = "sqlite://" + _folder.Combine("copy.db");
        Processes.Gc3p("copy", store, copy, "--max-nesting-depth", "100").EnsureSuccess();
        Assert.Equal(1, Processes.Gc3p("verify", copy).ExitCode);
        Processes.Gc3p("verify", copy, "--max-nesting-depth", "100").EnsureSuccess();
    }

    [Fact]
    public void Max_record_bytes_is_honoured_by_every_store_gc3p_opens()
    {
        var (store, deep, _) = DeepStore(levels: 10, maxNestingDepth: 64);
        var size = new FileInfo(Path.Combine(store, deep)).Length;

        var small = Processes.Gc3p("show", store, deep, "--max-record-bytes", (size - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, small.ExitCode);
        Assert.Contains(deep, small.Error, StringComparison.Ordinal);
        Assert.Single(small.Error.Trim().Split('\n'));
        Processes.Gc3p("show", store, deep, "--max-record-bytes", size.ToString(System.Globalization.CultureInfo.InvariantCulture)).EnsureSuccess();
    }

    [Theory]
    [InlineData("--max-nesting-depth", "0", "--max-nesting-depth must be between 1 and 256, not 0.")]
    [InlineData("--max-nesting-depth", "257", "--max-nesting-depth must be between 1 and 256, not 257.")]
    [InlineData("--max-record-bytes", "5", "--max-record-bytes must be between")]
    [InlineData("--max-record-bytes", "2000000000", "--max-record-bytes must be between")]
    [InlineData("--max-nesting-depth", "deep", "deep")]
    [InlineData("--lock-timeout", "0", "--lock-timeout must be a number of seconds above 0 and at most 86400 (a day), not 0.")]
    [InlineData("--lock-timeout", "-1", "--lock-timeout must be a number of seconds above 0")]
    [InlineData("--lock-timeout", "100000", "--lock-timeout must be a number of seconds above 0")]
    public void An_out_of_range_limit_is_one_line_and_exit_code_2(string option, string value, string says)
    {
        var (store, _, _) = DeepStore(levels: 2, maxNestingDepth: 64);
        var result = Processes.Gc3p("verify", store, option, value);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(says, result.Error, StringComparison.Ordinal);
        Assert.StartsWith("gc3p: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Lock_timeout_bounds_the_wait_for_a_lock_another_process_holds()
    {
        var (source, _, _) = DeepStore(levels: 2, maxNestingDepth: 64);
        var target = _folder.Combine("target");
        using (var empty = new FilesystemStore(target))
        {
            empty.IdFactory.New("Unused"); // an empty store whose ID counter is in use
        }

        var counter = Path.Combine(target, FilesystemStore.CounterFileName);

        // A process stopped while it reserves IDs holds the target's counter: the copy gives up after 1 s, not 30.
        using (LockHoldingProcess.Lock(counter))
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            var stuck = Processes.Gc3p("copy", source, target, "--lock-timeout", "1");
            waited.Stop();

            Assert.True(stuck.ExitCode == 1, stuck.ToString());
            Assert.Contains(counter, stuck.Error, StringComparison.Ordinal);
            Assert.Contains("StoreOptions.LockTimeout", stuck.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stuck.Error, StringComparison.Ordinal);
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"the copy waited {waited.Elapsed}");
        }

        // The holder gone, the same copy goes through, and the target verifies clean.
        Processes.Gc3p("copy", source, target, "--lock-timeout", "1").EnsureSuccess();
        Processes.Gc3p("verify", target).EnsureSuccess();
    }

    public void Dispose() => _folder.Dispose();

    // A file store written with the application's limit: an orchard whose branches nest 'levels' deep, and a shallow one.
    private (string Store, string Deep, string Shallow) DeepStore(int levels, int maxNestingDepth)
    {
        var directory = _folder.Combine("store-" + Guid.NewGuid().ToString("N")[..8]);
        Branch? root = null;
        for (var i = levels - 1; i >= 0; i--)
        {
            root = new Branch { Label = $"level {i}", Next = root };
        }

        using var store = new FilesystemStore(directory, new StoreOptions { CreateIfMissing = true, MaxNestingDepth = maxNestingDepth });
        var deep = store.Save(new Orchard { Name = "deep", Root = root });
        var shallow = store.Save(new Orchard { Name = "shallow", Root = new Branch { Label = "only" } });
        Assert.Equal("deep", store.Load<Orchard>(deep).Name); // the application reads it with its own limit
        return (directory, deep.ToString(), shallow.ToString());
    }

    private static List<string> Chain(JsonElement branch)
    {
        var labels = new List<string>();
        for (var current = branch; current.ValueKind == JsonValueKind.Object; current = current.GetProperty("Next"))
        {
            labels.Add(current.GetProperty("Label").GetString()!);
        }

        return labels;
    }
}
