using System.Text.RegularExpressions;

namespace Gc3.Persistence.Packaging.Tests;

/// <summary>
/// The sample published with Native AOT, as a user would: <c>dotnet publish -r RID -p:PublishAot=true</c>,
/// then the binary alone (no .NET runtime, no JIT) through a scripted session.
/// </summary>
[Trait("Category", "Slow")]
public sealed class NativeAotTests(NativeJobManagerFixture native) : IClassFixture<NativeJobManagerFixture>
{
    [Fact]
    public void Publish_succeeds_and_only_MemoryPack_Core_reports_its_two_summary_warnings()
    {
        native.Publish.EnsureSuccess();
        Assert.True(File.Exists(native.Binary), native.Publish.ToString());
        Assert.False(File.Exists(Path.ChangeExtension(native.Binary, ".dll")), "a native publish must not produce an IL jobmanager.dll");

        // Our assemblies and generated code produce no trim or AOT warning at all (they would be errors);
        // what remains is MemoryPack.Core's summary of its own reflection fallbacks (see the README).
        var warnings = BuildWarnings.Parse(native.Publish.Output);
        Assert.True(warnings.Select(w => w.Code).SequenceEqual(["IL2104", "IL3053"]), string.Join("\n", warnings) + "\n" + native.Publish);
        Assert.All(warnings, w => Assert.Contains("Assembly 'MemoryPack.Core' produced", w.Message));
    }

    [Fact]
    public void Native_binary_registers_every_formatter_at_start_up()
    {
        native.Publish.EnsureSuccess();
        var info = JobManagerCli.Native(native.Binary, native.NewStore("info")).Run("info").EnsureSuccess().Output;
        Assert.Contains("Runtime:     Native AOT", info);
        Assert.Contains("Types:       jobmanager.batch, jobmanager.executable, jobmanager.job", info);
        Assert.Matches(@"Formatters:  all \d+ member shapes registered at start-up \(List<string>, Dictionary<string, string>, string\[\], int\?, DateTime\?, ResourceRequest", info);
    }

    [Fact]
    public void Native_binary_runs_a_session_that_persists_across_processes()
    {
        native.Publish.EnsureSuccess();
        JobManagerScenario.RunSession(JobManagerCli.Native(native.Binary, native.NewStore("session")));
    }

    [Fact]
    public void Native_binary_rejects_bad_input_with_clear_messages()
    {
        native.Publish.EnsureSuccess();
        JobManagerScenario.RejectBadInput(JobManagerCli.Native(native.Binary, native.NewStore("bad-input")));
    }

    [Fact]
    public void Native_binary_reads_a_store_the_jit_build_wrote()
    {
        // The record format does not depend on how the program was compiled.
        native.Publish.EnsureSuccess();
        var store = native.NewStore("shared");
        var id = JobManagerCli.Jit(store).Submit("from-jit", "--exe", "echo", "--tag", "jit", "--cores", "3");
        var shown = JobManagerCli.Native(native.Binary, store).Run("show", id).EnsureSuccess().Output;
        Assert.Contains($"Job {id}: from-jit", shown);
        Assert.Contains("Tags:        jit", shown);
        Assert.Matches(new Regex(@"Requested:\s+3 cores"), shown);
    }
}
