namespace Gc3.Persistence.Benchmarks.Scaling;

/// <summary>
/// The scaling run's reference point: MemoryPack serializing the N jobs' plain DTOs to byte arrays
/// and deserializing them all, keeping every result as the stores' phases do, with no store and no
/// I/O. What it loses between two sizes is the runtime's, not a store's: mostly the collections that
/// promote the objects a phase keeps, which a phase of 10,000 may finish before the first one starts.
/// </summary>
public static class MemoryPackReference
{
    /// <summary>The name its rows carry.</summary>
    public const string Name = "memorypack";

    /// <summary>Times serialize (as save-new) and deserialize (as load-cold) of <paramref name="data"/>'s jobs.</summary>
    public static void Run(WorkloadData data, PhaseTimer timer, string subject)
    {
        timer.Subject = subject;
        var n = data.Jobs.Count;
        var dtos = data.Jobs.Select(j => j.ToDto($"executable-{j.ExecutableIndex}")).ToArray();
        var records = new byte[n][];
        timer.Time(Phase.SaveNew, n, () =>
        {
            for (var i = 0; i < n; i++)
            {
                records[i] = MemoryPackSerializer.Serialize(dtos[i]);
            }
        });

        dtos = null;
        var loaded = new JobDto[n];
        timer.Time(Phase.LoadCold, n, () =>
        {
            for (var i = 0; i < n; i++)
            {
                loaded[i] = MemoryPackSerializer.Deserialize<JobDto>(records[i])!;
            }
        });

        if (!loaded.Zip(data.Jobs).All(p => p.First.Name == p.Second.Name))
        {
            throw new InvalidOperationException($"{Name}: jobs deserialized with other names");
        }
    }
}
