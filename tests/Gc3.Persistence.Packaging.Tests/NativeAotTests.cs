namespace Gc3.Persistence.Packaging.Tests;

/// <summary>
/// The sample published with Native AOT, as a user would: <c>dotnet publish -r RID -p:PublishAot=true</c>,
/// then the binary alone (no .NET runtime, no JIT) through a scripted session on each embedded store.
/// </summary>
[Trait("Category", "Slow")]
[Collection(NativeJobManagerCollection.Name)]
public sealed class NativeAotTests(NativeJobManagerFixture native)
{
    [Fact]
    public void Publish_succeeds_and_only_MemoryPack_Core_reports_its_two_summary_warnings()
    {
        native.Publish.EnsureSuccess();
        Assert.True(File.Exists(native.Binary), native.Publish.ToString());
        Assert.False(File.Exists(Path.ChangeExtension(native.Binary, ".dll")), "a native publish must not produce an IL jobmanager.dll");

        // Our assemblies (the runtime, both SQL stores, the sample) and the generated code produce no trim or
        // AOT warning at all (they would be errors); what remains is MemoryPack.Core's summary of its own
        // reflection fallbacks (see docs/native-aot-and-packages.md).
        var warnings = BuildWarnings.Parse(native.Publish.Output);
        Assert.True(warnings.Select(w => w.Code).SequenceEqual(["IL2104", "IL3053"]), string.Join("\n", warnings) + "\n" + native.Publish);
        Assert.All(warnings, w => Assert.Contains("Assembly 'MemoryPack.Core' produced", w.Message));
    }

    [Fact]
    public void Native_binary_registers_every_formatter_and_store_at_start_up()
    {
        native.Publish.EnsureSuccess();
        var folder = native.NewFolder("info");
        var cli = JobManagerCli.Native(native.Binary, StoreKind.NewStore(StoreKind.File, folder), folder);
        cli.Submit("first", "--exe", "true"); // info, like every read command, wants a store that exists
        var info = cli.Run("info").EnsureSuccess().Output;
        Assert.Contains("Runtime:     Native AOT", info);
        Assert.Contains("Types:       jobmanager.batch, jobmanager.executable, jobmanager.job", info);
        Assert.Matches(@"Formatters:  all \d+ member shapes registered at start-up \(List<string>, Dictionary<string, string>, string\[\], int\?, DateTime\?, ResourceRequest", info);

        // The store packages registered their schemes through the generated registration, without reflection.
        var unknown = JobManagerCli.Native(native.Binary, "nosuch://x", folder).Run("list");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Matches(@"Known schemes: [a-z, ]*\bfile\b[a-z, ]*\bpostgresql\b[a-z, ]*\bsqlite\b", unknown.Error);
    }

    [Theory]
    [MemberData(nameof(JobManagerScenario.OnEmbeddedStores), MemberType = typeof(JobManagerScenario))]
    public void Native_binary_passes_the_scenario(string scenario, string kind)
    {
        native.Publish.EnsureSuccess();
        var folder = native.NewFolder(kind);
        JobManagerScenario.ByName[scenario](JobManagerCli.Native(native.Binary, StoreKind.NewStore(kind, folder), folder));
    }

    [Theory]
    [MemberData(nameof(StoreKind.EmbeddedData), MemberType = typeof(StoreKind))]
    public void Native_binary_reads_a_store_the_jit_build_wrote(string kind)
    {
        // The record format does not depend on how the program was compiled.
        native.Publish.EnsureSuccess();
        var folder = native.NewFolder("shared-" + kind);
        var store = StoreKind.NewStore(kind, folder);
        var id = JobManagerCli.Jit(store, folder).Submit("from-jit", "--exe", "echo", "--tag", "jit", "--cores", "3");
        var shown = JobManagerCli.Native(native.Binary, store, folder).Run("show", id).EnsureSuccess().Output;
        Assert.Contains($"Job {id}: from-jit", shown);
        Assert.Contains("Tags:        jit", shown);
        Assert.Matches(new Regex(@"Requested:\s+3 cores"), shown);
    }
}
