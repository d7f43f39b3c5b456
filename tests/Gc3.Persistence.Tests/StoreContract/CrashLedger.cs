using System.Globalization;
using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Tests.StoreContract;

/// <summary>
/// What the kill -9 tests of every store check after each kill (the worker's <c>crash-graphs</c>): every record
/// loads (each load follows every reference, so a missing one fails it), every save is whole at one version or
/// absent, every save a worker acknowledged (an <c>ack</c> line) is there at its version or a later one, and no
/// new graph got an ID that a store held before. One ledger follows one store across all its kills.
/// </summary>
public sealed class CrashLedger
{
    private readonly Dictionary<string, (int Version, HashSet<Id> Ids)> _acknowledged = [];
    private readonly HashSet<Id> _seenBefore = [];

    /// <summary>How many saves the workers acknowledged, over all kills.</summary>
    public int Acknowledged { get; private set; }

    /// <summary>How many records the store held after the last kill checked.</summary>
    public int Records => _seenBefore.Count;

    /// <summary>Checks <paramref name="store"/>, reopened after kill number <paramref name="kill"/> of a worker that printed <paramref name="workerLines"/>.</summary>
    public void Check(IStore store, IEnumerable<string> workerLines, int kill)
    {
        var stored = ReadEveryGraph(store, kill);
        foreach (var line in workerLines.Where(l => l.StartsWith("ack ", StringComparison.Ordinal)))
        {
            var parts = line.Split(' ');
            var (kind, tag, version, ids) = (parts[1], parts[2], int.Parse(parts[3], CultureInfo.InvariantCulture), parts[4..].Select(Id.Parse).ToHashSet());
            if (kind != "update")
            {
                var reused = ids.Where(_seenBefore.Contains).ToList();
                Assert.True(reused.Count == 0, $"kill {kill}: the new graph {tag} got IDs that existed before the restart: {string.Join(", ", reused)}");
            }

            _acknowledged[tag] = (version, ids);
            Acknowledged++;
        }

        // Every save that returned, after this kill or an earlier one, is there, whole, at its version or a later one.
        foreach (var (tag, (version, ids)) in _acknowledged)
        {
            Assert.True(stored.TryGetValue(tag, out var found), $"kill {kill}: the acknowledged save of {tag} is lost");
            Assert.True(found.Version >= version, $"kill {kill}: {tag} went back from version {version} to {found.Version}");
            Assert.True(ids.SetEquals(found.Ids), $"kill {kill}: {tag} has the records {string.Join(", ", found.Ids)}, not {string.Join(", ", ids)}");
        }

        _seenBefore.UnionWith(store.List());
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
