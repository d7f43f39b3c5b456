namespace Gc3.Persistence.Benchmarks.Subjects;

/// <summary>
/// A store of this library under the jobs-v1 workload, through <see cref="IStore"/> only, as an
/// application uses it. With <paramref name="saveMany"/>, phases A and C save all jobs in one
/// <see cref="IStore.SaveMany"/> call (one transaction in the SQL stores) instead of one call each.
/// </summary>
/// <param name="name">The subject's name.</param>
/// <param name="settings">Its durability settings, for the notes.</param>
/// <param name="open">Opens the store in an empty directory.</param>
/// <param name="saveMany">Whether A and C use one <c>SaveMany</c> call.</param>
/// <param name="size">How many bytes the store holds (default: the files in its directory).</param>
/// <param name="close">Cleans up after the store is disposed (default: nothing; its directory is deleted anyway).</param>
public sealed class StoreSubject(string name, string settings, Func<string, IStore> open, bool saveMany = false, Func<string, IStore, long>? size = null, Action<IStore>? close = null, bool inMemory = false) : Subject
{
    /// <inheritdoc/>
    public override string Name => name;

    /// <inheritdoc/>
    public override string Settings => LoadsInSchemaCheckPairs
        ? $"{settings}; phase B: {SchemaCheckPairs.PerRepetition} pairs of cold loads, the schema-hash comparison on and off ({name}{SchemaCheckPairs.Suffix}) in turn"
        : settings;

    /// <summary>Whether phase B times cold loads in pairs, with the schema-hash comparison on and off (<c>--schema-check</c>).</summary>
    public bool LoadsInSchemaCheckPairs { get; set; }

    /// <inheritdoc/>
    public override bool InMemory => inMemory;

    /// <summary>Opens the store in an empty directory.</summary>
    public IStore Open(string directory) => open(directory);

    /// <inheritdoc/>
    public override void Run(WorkloadData data, PhaseTimer timer, string directory)
    {
        var store = open(directory);
        try
        {
            Run(data, timer, directory, store);
        }
        finally
        {
            store.Dispose();
            close?.Invoke(store);
        }
    }

    /// <summary>Closes a store this subject opened (the scaling run opens its own).</summary>
    public void Close(IStore store)
    {
        store.Dispose();
        close?.Invoke(store);
    }

    private void Run(WorkloadData data, PhaseTimer timer, string directory, IStore store)
    {
        var n = data.Jobs.Count;
        var (ids, executableIds) = SaveNew(data, timer, store);
        Replace(data, timer, store, LoadCold(data, timer, store, ids));
        timer.RecordSize(size is null ? DirectorySize(directory) : size(directory, store));

        IReadOnlyList<Id> listed = [];
        timer.Time(Phase.List, n, () => listed = store.List());
        Check(listed.Count == n + WorkloadData.ExecutableCount, $"List() gave {listed.Count} IDs instead of {n + WorkloadData.ExecutableCount}");

        if (timer.IsSelected(Phase.CollectionSave) || timer.IsSelected(Phase.CollectionLoad))
        {
            Collection(data, timer, store, executableIds);
        }
    }

    private (Id[] Jobs, Id[] Executables) SaveNew(WorkloadData data, PhaseTimer timer, IStore store)
    {
        var executables = data.Executables.Select(e => e.ToExecutable()).ToArray();
        var jobs = data.Jobs.Select(j => j.ToJob(executables[j.ExecutableIndex])).ToArray();
        var ids = new Id[jobs.Length];
        timer.Time(Phase.SaveNew, jobs.Length, () =>
        {
            if (saveMany)
            {
                var saved = store.SaveMany(jobs);
                for (var i = 0; i < saved.Count; i++)
                {
                    ids[i] = saved[i];
                }
            }
            else
            {
                for (var i = 0; i < jobs.Length; i++)
                {
                    ids[i] = store.Save(jobs[i]);
                }
            }
        });
        Check(ids.Distinct().Count() == ids.Length, "Save gave the same ID twice");
        Check(executables.All(e => e.PersistentId is not null && !e.Changed), "the executables were not saved with the jobs");
        return (ids, [.. executables.Select(e => e.PersistentId!)]);
    }

    private Job[] LoadCold(WorkloadData data, PhaseTimer timer, IStore store, Id[] ids)
        => LoadsInSchemaCheckPairs
            ? SchemaCheckPairs.Load(timer, () => LoadColdOnce(data, timer, store, ids))
            : LoadColdOnce(data, timer, store, ids);

    private Job[] LoadColdOnce(WorkloadData data, PhaseTimer timer, IStore store, Id[] ids)
    {
        store.InvalidateCache();
        var loaded = new Job[ids.Length];
        timer.Time(Phase.LoadCold, ids.Length, () =>
        {
            for (var i = 0; i < ids.Length; i++)
            {
                var job = store.Load<Job>(ids[i]);
                _ = job.Executable!.Path;
                loaded[i] = job;
            }
        });

        for (var i = 0; i < loaded.Length; i++)
        {
            Check(data.Jobs[i].Matches(loaded[i], data.Executables, data.Jobs[i].State), $"job {ids[i]} loaded with other values than it was saved with");
        }

        Check(loaded.Select(j => j.Executable).Distinct().Count() == WorkloadData.ExecutableCount, "the jobs' executables did not load as 10 shared objects");
        return loaded;
    }

    private void Replace(WorkloadData data, PhaseTimer timer, IStore store, Job[] loaded)
    {
        timer.Time(Phase.Replace, loaded.Length, () =>
        {
            if (saveMany)
            {
                foreach (var job in loaded)
                {
                    job.State = WorkloadData.NextState(job.State);
                }

                store.SaveMany(loaded);
            }
            else
            {
                foreach (var job in loaded)
                {
                    job.State = WorkloadData.NextState(job.State);
                    store.Save(job);
                }
            }
        });

        // Read a sample back through a cold cache: the new state is what the store holds.
        var ids = loaded.Select(j => j.PersistentId!).ToArray();
        store.InvalidateCache();
        for (var i = 0; i < ids.Length; i += Math.Max(1, ids.Length / 100))
        {
            var values = data.Jobs[i];
            Check(values.Matches(store.Load<Job>(ids[i]), data.Executables, WorkloadData.NextState(values.State)), $"job {ids[i]} did not keep its replaced state");
        }
    }

    private void Collection(WorkloadData data, PhaseTimer timer, IStore store, Id[] executableIds)
    {
        // The shared executables, as the application holds them: loaded, with IDs, unchanged.
        store.InvalidateCache();
        var executables = executableIds.Select(store.Load<Executable>).ToArray();
        var collection = new JobCollection
        {
            Name = "collection-1",
            Jobs = [.. data.CollectionJobs.Select(j => j.ToJob(executables[j.ExecutableIndex]))],
        };
        var count = collection.Jobs.Count;
        var collectionId = executableIds[0];
        timer.Time(Phase.CollectionSave, count, () => collectionId = store.Save(collection));
        Check(collection.Jobs.All(j => j.PersistentId is not null) && executables.All(e => !e.Changed), "the collection's jobs were not saved as records of their own");

        // Drop every strong reference, so the load reads each record again.
        collection = null;
        Array.Clear(executables);
        store.InvalidateCache();
        var pathLength = 0L;
        JobCollection? reloaded = null;
        timer.Time(Phase.CollectionLoad, count, () =>
        {
            reloaded = store.Load<JobCollection>(collectionId);
            foreach (var job in reloaded.Jobs)
            {
                pathLength += job.Executable!.Path.Length;
            }
        });

        Check(reloaded!.Jobs.Count == count && pathLength == data.CollectionJobs.Sum(j => (long)data.Executables[j.ExecutableIndex].Path.Length), "the collection did not load back whole");
        for (var i = 0; i < count; i++)
        {
            Check(data.CollectionJobs[i].Matches(reloaded.Jobs[i], data.Executables, data.CollectionJobs[i].State), $"job {i} of the collection loaded with other values");
        }
    }
}
