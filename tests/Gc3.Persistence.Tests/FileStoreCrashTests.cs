using System.Globalization;
using Xunit.Abstractions;

namespace Gc3.Persistence.Tests;

/// <summary>
/// The file store against real crashes and real concurrent processes: a child process
/// (tests/Gc3.Persistence.TestWorker) saving graphs is killed with SIGKILL at random points, and the
/// store it leaves is checked record by record. The normal run kills 20 times; the long mode
/// (<c>GC3_CRASH_KILLS=200</c>, see docs/stores.md) as many times as asked. Counts are printed
/// (<c>--logger "console;verbosity=detailed"</c>).
/// </summary>
public sealed class FileStoreCrashTests(ITestOutputHelper output) : TemporaryDirectoryTests("file-crash")
{
    private static int Kills => int.TryParse(Environment.GetEnvironmentVariable("GC3_CRASH_KILLS"), out var kills) && kills > 0 ? kills : 20;

    [Fact]
    public void Graph_saves_killed_at_random_points_are_all_or_nothing_and_no_acknowledged_save_or_id_is_lost()
    {
        var random = new Random(20261202);
        var uri = "file://" + Folder.Path;
        var ledger = new CrashLedger();
        int interruptedCommits = 0, durableKills = 0;
        var kills = Kills;
        for (var kill = 0; kill < kills; kill++)
        {
            // Every fourth worker saves durably (fsyncs), which moves where the kills land.
            var durable = kill % 4 == 3;
            durableKills += durable ? 1 : 0;
            var lines = new List<string>();
            var environment = new Dictionary<string, string> { ["GC3_WORKER_DURABLE"] = durable ? "1" : "0" };
            using (var worker = WorkerProcess.StartWith(environment, "crash-graphs", uri, (kill + 1).ToString(CultureInfo.InvariantCulture)))
            {
                Assert.Equal("ready", worker.ReadLine());
                Thread.Sleep(random.Next(20, durable ? 400 : 250));
                worker.Kill();
                while (worker.ReadLine() is { } line)
                {
                    lines.Add(line);
                }
            }

            interruptedCommits += CountFiles(Path.Join(Folder.Path, ".gc3-journal"), "*.journal");

            // Opening the store finishes (or drops) what the kill interrupted.
            using var store = new FilesystemStore(Folder.Path);
            ledger.Check(store, lines, kill);
        }

        var temporariesLeft = CountFiles(Folder.Path, ".*.tmp"); // never records; removed once an hour old
        output.WriteLine(
            $"{kills} kills ({durableKills} of durable writers): {ledger.Acknowledged} acknowledged saves, {ledger.Records} records, "
            + $"{interruptedCommits} commits finished by recovery after a kill past their commit point, {temporariesLeft} temporary files left by the kills");
        Assert.True(ledger.Acknowledged > kills, $"only {ledger.Acknowledged} saves were acknowledged in {kills} runs: the kills came too early to test anything");
    }

    [Fact]
    public void Four_processes_incrementing_one_object_lose_no_increment_and_save_whole_records()
    {
        const int Each = 40;
        Id id;
        using (var store = new FilesystemStore(Folder.Path))
        {
            var job = Samples.Job("counted");
            job.Cores = 0;
            id = store.Save(job);
        }

        // Alone, a process's increments all count: each load sees the record the last save put in place.
        using (var alone = WorkerProcess.Start("increment", "file://" + Folder.Path, id.ToString(), "10"))
        {
            Assert.Equal(["done"], alone.ReadToEnd());
        }

        using (var check = new FilesystemStore(Folder.Path))
        {
            Assert.Equal(10, check.Load<Job>(id).Cores);
        }

        var workers = Enumerable.Range(0, 4)
            .Select(_ => WorkerProcess.Start("increment", "file://" + Folder.Path, id.ToString(), Each.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        foreach (var worker in workers)
        {
            using (worker)
            {
                Assert.Equal(["done"], worker.ReadToEnd());
            }
        }

        using var reopened = new FilesystemStore(Folder.Path);
        var final = reopened.Load<Job>(id);
        output.WriteLine($"4 processes x {Each} increments: the record holds {final.Cores - 10}");

        // Each save of a stale load is refused (ConcurrencyException) and retried by the worker on a fresh load:
        // every increment counts. Before the file store checked versions, the last writer won and most were lost.
        Assert.Equal(10 + (4 * Each), final.Cores);
        Assert.Equal("counted", final.Name);
        Assert.Equal(2, reopened.List().Count); // the job and its executable, nothing else
        Assert.Empty(Directory.GetFiles(Folder.Path, ".*.tmp"));
    }

    private static int CountFiles(string directory, string pattern) => Directory.Exists(directory) ? Directory.GetFiles(directory, pattern).Length : 0;
}
