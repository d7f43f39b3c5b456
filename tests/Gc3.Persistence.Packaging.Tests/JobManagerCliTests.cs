namespace Gc3.Persistence.Packaging.Tests;

/// <summary>The sample's scripted session on its JIT build: quick feedback before the native one.</summary>
public sealed class JobManagerCliTests
{
    [Theory]
    [InlineData(StoreKind.File)]
    [InlineData(StoreKind.Sqlite)]
    public void Jit_build_runs_a_session_that_persists_across_processes(string kind)
    {
        using var folder = new TemporaryDirectory("jobmanager-jit");
        JobManagerScenario.RunSession(JobManagerCli.Jit(StoreKind.NewStore(kind, folder.Path), folder.Path));
    }

    [Theory]
    [InlineData(StoreKind.File)]
    [InlineData(StoreKind.Sqlite)]
    public void Jit_build_rejects_bad_input_with_clear_messages(string kind)
    {
        using var folder = new TemporaryDirectory("jobmanager-jit");
        JobManagerScenario.RejectBadInput(JobManagerCli.Jit(StoreKind.NewStore(kind, folder.Path), folder.Path));
    }

    [Fact]
    public void Default_store_is_an_sqlite_file_in_the_current_directory()
    {
        using var folder = new TemporaryDirectory("jobmanager-default");
        var cli = JobManagerCli.Jit("unused", folder.Path);
        var noVariable = new Dictionary<string, string> { ["GC3_STORE"] = "" };
        var submitted = cli.RunWithoutStore(["submit", "here", "--exe", "true"], noVariable).EnsureSuccess();
        Assert.True(File.Exists(folder.Combine("jobs.db")), submitted.ToString());
        Assert.Contains("here", cli.RunWithoutStore(["list"], noVariable).EnsureSuccess().Output);
    }

    [Fact]
    public void Help_lists_every_command_and_each_commands_options()
    {
        using var folder = new TemporaryDirectory("jobmanager-help");
        var cli = JobManagerCli.Jit(folder.Combine("store"), folder.Path);
        var help = cli.RunWithoutStore(["--help"]).EnsureSuccess().Output;
        foreach (var command in new[] { "submit", "list", "show", "run", "remove", "info", "demo", "help" })
        {
            Assert.Contains($"jobmanager {command}", help);
        }

        var submit = cli.RunWithoutStore(["submit", "--help"]).EnsureSuccess().Output;
        Assert.Contains("usage: jobmanager submit NAME", submit);
        Assert.Contains("--cores N", submit);
        Assert.Contains("--store URI", submit);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path)); // asking for help creates no store
    }

    [Fact]
    public void Demo_runs_on_a_temporary_store_and_removes_it()
    {
        using var folder = new TemporaryDirectory("jobmanager-demo");
        var demo = JobManagerCli.Jit("unused", folder.Path).RunWithoutStore(["demo"]).EnsureSuccess();
        Assert.Contains("$ jobmanager run", demo.Output);
        Assert.Contains("fail: RUNNING -> TERMINATED (exit code 3)", demo.Output);
        Assert.Contains("Batch ", demo.Output);
        var store = System.Text.RegularExpressions.Regex.Match(demo.Output, @"fresh store in (\S+):").Groups[1].Value;
        Assert.NotEmpty(store);
        Assert.False(Directory.Exists(store), "the demo left its store behind");
    }
}
