namespace Gc3.Persistence.Sql.Tests.Faults;

/// <summary>The jobs a store acknowledged saving (it gave back their IDs), by name: what a fault must not lose or damage.</summary>
internal sealed class AcknowledgedSaves
{
    private readonly Dictionary<Id, string> _names = [];

    /// <summary>How many saves were acknowledged.</summary>
    public int Count => _names.Count;

    /// <summary>Their IDs.</summary>
    public IReadOnlyCollection<Id> Ids => _names.Keys;

    /// <summary>Saves <paramref name="job"/> through <paramref name="store"/>; once it returns, the save counts as acknowledged.</summary>
    public void Save(IStore store, Job job) => _names[store.Save(job)] = job.Name;

    /// <summary>Every acknowledged job loads from <paramref name="store"/> under its name; gives them.</summary>
    public List<Job> AssertEachLoads(IStore store) => [.. _names.Select(n => LoadNamed(store, n.Key, n.Value))];

    /// <summary><paramref name="store"/> holds the acknowledged jobs and nothing else, each under its name; gives them.</summary>
    public List<Job> AssertStoreHoldsExactly(IStore store)
    {
        Assert.Equal(Count, store.Count());
        return AssertEachLoads(store);
    }

    private static Job LoadNamed(IStore store, Id id, string name)
    {
        var job = store.Load<Job>(id);
        Assert.Equal(name, job.Name);
        return job;
    }
}
