namespace Gc3.Persistence.Packaging.Tests;

/// <summary>
/// The sample's v1 -> v2 scenario (docs/changing-your-classes.md): version 1 of the job manager
/// (samples/JobManager.V1) saves jobs, and version 2 (samples/JobManager), whose classes changed since,
/// reads them through the writer schemas the store kept.
/// </summary>
public sealed class JobManagerUpgradeTests
{
    [Theory]
    [MemberData(nameof(StoreKind.EmbeddedData), MemberType = typeof(StoreKind))]
    public void Version_2_reads_the_jobs_version_1_saved(string kind)
    {
        using var folder = new TemporaryDirectory("jobmanager-upgrade");
        var cli = JobManagerCli.Jit(StoreKind.NewStore(kind, folder.Path), folder.Path);
        var seeded = SeedWithVersion1(cli.Store, folder.Path);
        Assert.Equal(["New queued", "Running running", "Terminated done"], seeded.Select(s => s.Line));

        // JobState gained Submitted between New and Running: states load by name, not by number.
        var queued = cli.Run("show", seeded[0].Id).EnsureSuccess().Output;
        Assert.Matches(@"(?m)^  State:\s+NEW$", queued); // v1's exit code 0 of a job not ended: null (OnPersistenceLoaded)
        Assert.Matches(@"(?m)^  Tags:\s+v1$", queued); // List<string> -> string[]
        Assert.Matches(@"(?m)^  Requested:\s+1 core, memory -$", queued); // no Resources in v1: the default
        var size = new FileInfo("/bin/sleep").Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches($@"(?m)^  Program:\s+/bin/sleep \(exe\.\d+, sha256 [0-9a-f]{{16}}\.\.\., {size} bytes\)$", queued); // int -> long

        var running = cli.Run("show", seeded[1].Id).EnsureSuccess().Output;
        Assert.Matches(@"(?m)^  State:\s+RUNNING$", running);
        Assert.Matches(@"(?m)^  Tags:\s+v1, long$", running);

        var done = cli.Run("show", seeded[2].Id).EnsureSuccess().Output;
        Assert.Matches(@"(?m)^  State:\s+TERMINATED \(exit code 7\)$", done); // int -> int?

        var list = cli.Run("list").EnsureSuccess().Output;
        Assert.Contains("running", list);
        Assert.DoesNotContain("SUBMITTED", list);

        // Version 2 saves over a version 1 record, and both versions' records keep loading.
        cli.Run("run", seeded[0].Id).EnsureSuccess();
        Assert.Matches(@"(?m)^  State:\s+TERMINATED \(exit code 0\)$", cli.Run("show", seeded[0].Id).EnsureSuccess().Output);
        Assert.Matches(@"(?m)^  State:\s+RUNNING$", cli.Run("show", seeded[1].Id).EnsureSuccess().Output);
    }

    // Runs version 1's "seed" and returns the IDs and "State name" lines it printed, in order.
    private static List<(string Id, string Line)> SeedWithVersion1(string store, string workingDirectory)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var dll = Path.Combine(RepositoryCopy.Root, "samples", "JobManager.V1", "bin", configuration, "net10.0", "jobmanager-v1.dll");
        Assert.True(File.Exists(dll), $"version 1 of the sample is not built: {dll}");
        var result = ProcessRunner.Run("dotnet", [dll, "seed", store], workingDirectory, TimeSpan.FromMinutes(2)).EnsureSuccess();
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .Select(parts => (parts[0], parts[1].Trim()))
            .ToList();
    }
}
