using System.Globalization;
using Gc3.Persistence.TestModel;
using Gc3.Persistence.Tests.StoreContract;
using Xunit.Abstractions;

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
        var acknowledged = new Dictionary<string, (int Version, HashSet<Id> Ids)>();
        var seenBefore = new HashSet<Id>();
        var acks = 0;
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
            var stored = ReadEveryGraph(store, kill);
            foreach (var line in lines.Where(l => l.StartsWith("ack ", StringComparison.Ordinal)))
            {
                var parts = line.Split(' ');
                var (kind, tag, version, ids) = (parts[1], parts[2], int.Parse(parts[3], CultureInfo.InvariantCulture), parts[4..].Select(Id.Parse).ToHashSet());
                if (kind != "update")
                {
                    var reused = ids.Where(seenBefore.Contains).ToList();
                    Assert.True(reused.Count == 0, $"kill {kill}: the new graph {tag} got IDs that existed before: {string.Join(", ", reused)}");
                }

                acknowledged[tag] = (version, ids);
                acks++;
            }

            foreach (var (tag, (version, ids)) in acknowledged)
            {
                Assert.True(stored.TryGetValue(tag, out var found), $"kill {kill}: the acknowledged save of {tag} is lost");
                Assert.True(found.Version >= version, $"kill {kill}: {tag} went back from version {version} to {found.Version}");
                Assert.True(ids.SetEquals(found.Ids), $"kill {kill}: {tag} has the records {string.Join(", ", found.Ids)}, not {string.Join(", ", ids)}");
            }

            seenBefore.UnionWith(store.List());
        }

        output.WriteLine($"{Uri}: {kills} kills, {acks} acknowledged saves, {seenBefore.Count} records, every record loaded, no save in part, nothing acknowledged lost, no ID reused");
        Assert.True(acks > 0, "no save was acknowledged before the kills: nothing was tested");
    }

    // Every record is a Node named TAG/VERSION/SIZE/INDEX: the records of one save share TAG and VERSION.
    private static Dictionary<string, (int Version, HashSet<Id> Ids)> ReadEveryGraph(IStore store, int kill)
    {
        var groups = new Dictionary<string, List<(int Version, int Size, int Index, Id Id)>>();
        foreach (var id in store.List())
        {
            Node node;
            try
            {
                node = store.Load<Node>(id);
            }
            catch (LoadException e)
            {
                Assert.Fail($"kill {kill}: {id} does not load: {e.Message}");
                throw;
            }

            var parts = node.Name.Split('/');
            if (!groups.TryGetValue(parts[0], out var group))
            {
                groups[parts[0]] = group = [];
            }

            group.Add((int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture), id));
        }

        var graphs = new Dictionary<string, (int Version, HashSet<Id> Ids)>();
        foreach (var (tag, group) in groups)
        {
            var size = group[0].Size;
            Assert.True(group.Count == size && group.Select(n => n.Index).Distinct().Count() == size, $"kill {kill}: the save {tag} of {size} records left {group.Count}");
            var versions = group.Select(n => n.Version).Distinct().ToList();
            Assert.True(versions.Count == 1, $"kill {kill}: the records of {tag} are at versions {string.Join(", ", versions)}: an update was applied in part");
            graphs[tag] = (versions[0], group.Select(n => n.Id).ToHashSet());
        }

        return graphs;
    }
}
