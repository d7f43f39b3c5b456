namespace Gc3.Persistence.Packaging.Tests;

/// <summary>The sample's scripted session on its JIT build: quick feedback before the native one.</summary>
public sealed class JobManagerCliTests
{
    [Fact]
    public void Jit_build_runs_a_session_that_persists_across_processes()
    {
        using var folder = new TemporaryDirectory("jobmanager-jit");
        JobManagerScenario.RunSession(JobManagerCli.Jit(folder.Combine("store")));
    }

    [Fact]
    public void Jit_build_rejects_bad_input_with_clear_messages()
    {
        using var folder = new TemporaryDirectory("jobmanager-jit");
        JobManagerScenario.RejectBadInput(JobManagerCli.Jit(folder.Combine("store")));
    }

    [Fact]
    public void Help_lists_every_command_and_each_commands_options()
    {
        using var folder = new TemporaryDirectory("jobmanager-help");
        var cli = JobManagerCli.Jit(folder.Combine("store"));
        var help = cli.RunWithoutStore(["--help"]).EnsureSuccess().Output;
        foreach (var command in new[] { "submit", "list", "show", "run", "remove", "info", "demo", "help" })
        {
            Assert.Contains($"jobmanager {command}", help);
        }

        var submit = cli.RunWithoutStore(["submit", "--help"]).EnsureSuccess().Output;
        Assert.Contains("usage: jobmanager submit NAME", submit);
        Assert.Contains("--cores N", submit);
        Assert.Contains("--store URI", submit);
        Assert.False(Directory.Exists(cli.Store), "asking for help must not create a store");
    }

    [Fact]
    public void Demo_runs_on_a_temporary_store_and_removes_it()
    {
        using var folder = new TemporaryDirectory("jobmanager-demo");
        var demo = JobManagerCli.Jit(folder.Combine("unused")).RunWithoutStore(["demo"]).EnsureSuccess();
        Assert.Contains("$ jobmanager run", demo.Output);
        Assert.Contains("fail: RUNNING -> TERMINATED (exit code 3)", demo.Output);
        Assert.Contains("Batch ", demo.Output);
        var store = System.Text.RegularExpressions.Regex.Match(demo.Output, @"fresh store in (\S+)").Groups[1].Value;
        Assert.NotEmpty(store);
        Assert.False(Directory.Exists(store), "the demo left its store behind");
    }
}
