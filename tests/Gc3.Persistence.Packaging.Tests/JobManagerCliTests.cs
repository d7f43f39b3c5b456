namespace Gc3.Persistence.Packaging.Tests;

/// <summary>The sample's scripted session on its JIT build: quick feedback before the native one.</summary>
public sealed class JobManagerCliTests
{
    [Theory]
    [MemberData(nameof(JobManagerScenario.OnEmbeddedStores), MemberType = typeof(JobManagerScenario))]
    public void Jit_build_passes_the_scenario(string scenario, string kind)
    {
        using var folder = new TemporaryDirectory("jobmanager-jit");
        JobManagerScenario.ByName[scenario](JobManagerCli.Jit(StoreKind.NewStore(kind, folder.Path), folder.Path));
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
        Assert.Contains("jobmanager [command] [options]", help);
        foreach (var command in new[] { "submit <NAME>", "list", "show <ID>", "run <ID>", "remove <ID>", "info", "demo" })
        {
            Assert.Matches($@"(?m)^  {System.Text.RegularExpressions.Regex.Escape(command)}\s", help);
        }

        var submit = cli.RunWithoutStore(["submit", "--help"]).EnsureSuccess().Output;
        Assert.Contains("jobmanager submit <NAME> [<ARG>...] [options]", submit);
        Assert.Contains("--cores <N>", submit);
        Assert.Contains("--store <URI>", submit);
        Assert.Contains("--trace", submit);
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

    [Theory]
    [MemberData(nameof(StoreKind.EmbeddedData), MemberType = typeof(StoreKind))]
    public void Read_commands_on_a_missing_store_say_so_and_create_nothing(string kind)
    {
        using var folder = new TemporaryDirectory("jobmanager-missing");
        var cli = JobManagerCli.Jit(StoreKind.NewStore(kind, folder.Combine("rel")), folder.Path);
        foreach (var command in new[] { new[] { "list" }, ["show", "job.1"], ["run"], ["remove", "job.1"], ["info"] })
        {
            var result = cli.Run(command);
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("There is no store at", result.Error);
            Assert.Contains("Nothing was created", result.Error);
            Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
        }

        cli.Submit("first", "--exe", "true"); // submit creates it
        Assert.Contains("first", cli.Run("list").EnsureSuccess().Output);
    }

    [Fact]
    public void Trace_prints_the_spans_of_the_command_and_of_the_store()
    {
        using var folder = new TemporaryDirectory("jobmanager-trace");
        var cli = JobManagerCli.Jit(StoreKind.NewStore(StoreKind.Sqlite, folder.Path), folder.Path);
        var id = cli.Submit("traced", "--exe", "true");
        var output = cli.Run("show", id, "--trace").EnsureSuccess().Output;
        Assert.Contains($"Job {id}: traced", output);
        Assert.Contains("Activity.DisplayName:        jobmanager show", output);
        Assert.Contains("Activity.DisplayName:        load store", output);
        Assert.Contains("db.system.name: sqlite", output);
        Assert.Contains("service.name: jobmanager", output);
        Assert.DoesNotContain("Activity.", cli.Run("show", id).EnsureSuccess().Output);
    }
}
