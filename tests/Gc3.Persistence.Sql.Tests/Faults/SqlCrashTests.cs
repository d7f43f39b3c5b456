using System.Globalization;

namespace Gc3.Persistence.Sql.Tests.Faults;

/// <summary>
/// kill -9 of a process saving graphs (chains, cycles, trees, <c>SaveMany</c>, updates of earlier graphs;
/// the worker's <c>crash-graphs</c>) on a SQL store, at a random moment, again and again: after each kill
/// every record loads, every save is all there at one version or not there at all, every acknowledged
/// save is there, and no new graph got an ID that existed before. 6 kills per store in the short mode;
/// <c>GC3_CRASH_KILLS</c> for the long mode (as for the file store's <c>FileStoreCrashTests</c>).
/// </summary>
public abstract class SqlCrashTests(ITestOutputHelper output)
{
    private static int Kills => int.TryParse(Environment.GetEnvironmentVariable("GC3_CRASH_KILLS"), out var kills) && kills > 0 ? kills : 6;

    protected string Table { get; } = "crash_" + Guid.NewGuid().ToString("N")[..12];

    protected abstract string Uri { get; }

    [Fact]
    public void Graph_saves_killed_at_random_points_are_all_or_nothing_and_nothing_acknowledged_is_lost()
    {
        var random = new Random(20261202);
        var ledger = new CrashLedger();
        var kills = Kills;
        for (var kill = 0; kill < kills; kill++)
        {
            var lines = new List<string>();
            using (var worker = WorkerProcess.Start("crash-graphs", Uri, (kill + 1).ToString(CultureInfo.InvariantCulture)))
            {
                Assert.Equal("ready", worker.ReadLine());
                Thread.Sleep(random.Next(50, 400));
                worker.Kill();
                while (worker.ReadLine() is { } line)
                {
                    lines.Add(line);
                }
            }

            using var store = StoreFactory.Make(Uri);
            ledger.Check(store, lines, kill);
        }

        output.WriteLine($"{Uri}: {kills} kills, {ledger.Acknowledged} acknowledged saves, {ledger.Records} records, every record loaded, no save in part, nothing acknowledged lost, no ID reused");
        Assert.True(ledger.Acknowledged > 0, "no save was acknowledged before the kills: nothing was tested");
    }
}
