using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Tests.StoreContract;

/// <summary>
/// The checks of GC3Pie's generic store test suite, and the object-graph checks of this project, run
/// unchanged against every store: a subclass says how to open one.
/// </summary>
public abstract partial class StoreContractTests : IDisposable
{
    private readonly List<IStore> _opened = [];

    /// <summary>The URI of the store under test; every call to <see cref="Open"/> opens the same data.</summary>
    protected abstract string StoreUri { get; }

    /// <summary>How many child processes save how many objects each in the concurrency test.</summary>
    protected virtual (int Processes, int ObjectsEach) ConcurrentWriters => (2, 1000);

    /// <summary>Opens a new store instance on the data under test (a fresh identity map).</summary>
    protected IStore Open()
    {
        var store = StoreFactory.Make(StoreUri);
        _opened.Add(store);
        return store;
    }

    public virtual void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Save_then_load_gives_back_every_member()
    {
        var store = Open();
        var job = Samples.Job("alpha");
        var id = store.Save(job);

        var loaded = Open().Load<Job>(id);

        Assert.NotSame(job, loaded);
        Samples.AssertSameJob(job, loaded);
        Assert.Equal(id, loaded.PersistentId);
        Assert.False(loaded.Changed);
        Assert.Equal("not persisted", loaded.Scratch);
    }

    [Fact]
    public void Saving_an_object_again_keeps_its_id()
    {
        var store = Open();
        var job = Samples.Job("twice");
        var first = store.Save(job);
        job.Cores = 16;
        var second = store.Save(job);

        Assert.Equal(first, second);
        Assert.Equal(16, Open().Load<Job>(first).Cores);
    }

    [Fact]
    public void Ten_saves_give_ten_distinct_ids()
    {
        var store = Open();
        var ids = Enumerable.Range(0, 10).Select(i => store.Save(Samples.Job($"job{i}"))).ToList();

        Assert.Equal(10, ids.Distinct().Count());
    }

    [Fact]
    public void List_gives_every_saved_id_in_order()
    {
        var store = Open();
        var ids = Enumerable.Range(0, 5).Select(i => store.Save(Samples.Job($"job{i}"))).ToList();

        var listed = Open().List();

        Assert.Equal(listed.Order(), listed);
        Assert.Equal(ids.Order(), listed.Where(id => id.Prefix == nameof(Job)));
        Assert.Equal(10, listed.Count); // and each job's executable
    }

    [Fact]
    public void Load_after_remove_throws_RecordNotFoundException()
    {
        var store = Open();
        var id = store.Save(Samples.Job("doomed"));

        store.Remove(id);

        var error = Assert.Throws<RecordNotFoundException>(() => store.Load(id));
        Assert.Equal(id, error.Id);
        Assert.Null(error.ReferencedFrom);
        Assert.Throws<RecordNotFoundException>(() => Open().Load(id));
        Assert.DoesNotContain(id, store.List());
    }

    [Fact]
    public void Remove_of_a_missing_id_changes_nothing()
    {
        var store = Open();
        store.Save(Samples.Job("kept"));
        var before = store.List();

        store.Remove(new Id("Job", 999_999));

        Assert.Equal(before, store.List());
    }

    [Fact]
    public void Replace_then_load_sees_the_change()
    {
        var store = Open();
        var id = store.Save(Samples.Job("before"));

        var replacement = Samples.Job("after");
        store.Replace(id, replacement);

        Assert.Equal(id, replacement.PersistentId);
        Assert.Equal("after", Open().Load<Job>(id).Name);
        Assert.Same(replacement, store.Load(id));
    }

    [Fact]
    public void A_container_and_its_children_are_separate_records_that_load_back_shared()
    {
        var store = Open();
        var exe = Samples.Executable();
        var collection = new JobCollection { Name = "batch", Jobs = [Samples.Job("a", exe), Samples.Job("b", exe)] };

        var id = store.Save(collection);

        var ids = Open().List();
        Assert.Equal(4, ids.Count);
        Assert.Contains(exe.PersistentId!, ids);
        Assert.All(collection.Jobs, job => Assert.Contains(job.PersistentId!, ids));

        var reader = Open();
        var loaded = reader.Load<JobCollection>(id);
        Assert.Equal(["a", "b"], loaded.Jobs.Select(j => j.Name));
        Assert.Same(loaded.Jobs[0].Executable, loaded.Jobs[1].Executable);
        Assert.Same(loaded.Jobs[1], reader.Load(collection.Jobs[1].PersistentId!));
        Assert.Equal(exe.Path, loaded.Jobs[0].Executable!.Path);
    }

    [Fact]
    public void Loading_twice_gives_one_instance_until_the_cache_is_invalidated()
    {
        var writer = Open();
        var id = writer.Save(Samples.Job("cached"));
        var store = Open();

        var first = store.Load(id);
        Assert.Same(first, store.Load(id));

        store.InvalidateCache();
        Assert.NotSame(first, store.Load(id));
    }

    [Fact]
    public void Loading_a_missing_id_throws_RecordNotFoundException_naming_it()
    {
        var id = new Id("Job", 424_242);

        var error = Assert.Throws<RecordNotFoundException>(() => Open().Load(id));

        Assert.Equal(id, error.Id);
        Assert.Contains("Job.424242", error.Message);
    }

    [Fact]
    public void Loading_as_the_wrong_type_throws_LoadException()
    {
        var id = Open().Save(Samples.Executable());

        var error = Assert.Throws<LoadException>(() => Open().Load<Job>(id));

        Assert.Contains(nameof(Executable), error.Message);
    }

    [Fact]
    public void Saving_an_object_that_is_not_persistable_is_refused_and_writes_nothing()
    {
        var store = Open();

        var error = Assert.Throws<ArgumentException>(() => store.Save(new Uri("http://example.org")));

        Assert.Contains("[Persistable]", error.Message);
        Assert.Empty(store.List());
    }

    [Fact]
    public void Ids_are_never_given_again_after_remove_and_reopen()
    {
        var store = Open();
        var removed = store.Save(Samples.Job("gone"));
        store.Remove(removed);

        var next = Open().Save(Samples.Job("next"));

        Assert.NotEqual(removed, next);
        Assert.True(next.SeqNo > removed.SeqNo);
    }

    [Fact]
    public async Task The_async_api_does_what_the_sync_api_does()
    {
        var store = Open();
        var job = Samples.Job("async");
        var id = await store.SaveAsync(job);
        var many = await store.SaveManyAsync([Samples.Job("m1"), Samples.Job("m2")]);
        await store.ReplaceAsync(id, Samples.Job("async2"));

        var reader = Open();
        Assert.Equal("async2", (await reader.LoadAsync<Job>(id)).Name);
        Assert.IsType<Job>(await reader.LoadAsync(many[0]));
        Assert.Equal(3, (await reader.ListAsync()).Count(i => i.Prefix == nameof(Job)));

        await reader.RemoveAsync(many[1]);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => Open().LoadAsync(many[1]));
    }

    [Fact]
    public void SaveMany_saves_every_object_and_shares_the_cascade()
    {
        var exe = Samples.Executable();
        var jobs = Enumerable.Range(0, 20).Select(i => Samples.Job($"many{i}", exe)).ToList();

        var ids = Open().SaveMany(jobs);

        Assert.Equal(20, ids.Distinct().Count());
        Assert.Equal(21, Open().List().Count);
        var reader = Open();
        Assert.Same(reader.Load<Job>(ids[0]).Executable, reader.Load<Job>(ids[19]).Executable);
    }

    [Fact]
    public void Large_batches_one_after_another_come_back_byte_for_byte()
    {
        // Each batch outgrows the save buffer several times (its arrays come from the shared pool and
        // go back after the batch); the second batch is written into arrays holding the first's bytes.
        var store = Open();
        var exe = Samples.Executable();
        var first = Enumerable.Range(0, 400).Select(i => Samples.Job($"first{i}" + new string('x', i), exe)).ToList();
        var second = Enumerable.Range(0, 300).Select(i => Samples.Job($"second{i}", exe)).ToList();
        var firstIds = store.SaveMany(first);
        store.Save(Samples.Job("between", exe));
        var secondIds = store.SaveMany(second);

        var reader = Open();
        for (var i = 0; i < first.Count; i++)
        {
            Samples.AssertSameJob(first[i], reader.Load<Job>(firstIds[i]));
        }

        for (var i = 0; i < second.Count; i++)
        {
            Samples.AssertSameJob(second[i], reader.Load<Job>(secondIds[i]));
        }
    }

    [Fact]
    public async Task A_disposed_store_refuses_every_operation_and_its_records_stay()
    {
        var store = StoreFactory.Make(StoreUri);
        var job = Samples.Job("kept");
        var id = store.Save(job);
        var cached = store.Load<Job>(id); // in the identity map: still refused once disposed
        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => store.Load(id));
        Assert.Throws<ObjectDisposedException>(() => store.Save(Samples.Job("late")));
        Assert.Throws<ObjectDisposedException>(() => store.SaveMany([Samples.Job("late")]));
        Assert.Throws<ObjectDisposedException>(() => store.Replace(id, cached));
        Assert.Throws<ObjectDisposedException>(() => store.Remove(id));
        Assert.Throws<ObjectDisposedException>(() => store.List());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.LoadAsync(id));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.SaveAsync(Samples.Job("late")));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ListAsync());

        var reopened = Open();
        Assert.Equal("kept", reopened.Load<Job>(id).Name);
        Assert.Equal(2, reopened.List().Count); // the job and its executable, nothing of the refused saves
    }

    [Fact]
    public async Task A_disposed_store_refuses_the_rest_of_the_api_too()
    {
        var store = (Engine.StoreBase)StoreFactory.Make(StoreUri);
        var job = Samples.Job("kept");
        var id = store.Save(job);
        var copy = Samples.Job("copy");
        await store.DisposeAsync();
        store.Dispose(); // twice: nothing more happens

        Assert.Throws<ObjectDisposedException>(() => store.Import(copy));
        Assert.Throws<ObjectDisposedException>(() => store.LoadMany([id]));
        Assert.Throws<ObjectDisposedException>(() => store.RemoveMany([id]));
        Assert.Throws<ObjectDisposedException>(() => store.Count());
        Assert.Throws<ObjectDisposedException>(() => store.List<Job>());
        Assert.Throws<ObjectDisposedException>(() => store.List("test.job"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ImportAsync(copy));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ReplaceAsync(id, copy));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.RemoveAsync(id));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.SaveManyAsync([copy]));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.LoadManyAsync([id]));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.CountAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(async () =>
        {
            await foreach (var _ in store.LoadAllAsync<Job>())
            {
            }
        });
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ReadRawRecordAsync(id));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ReadIdCounterAsync());
        Assert.Throws<ObjectDisposedException>(() => store.BeginTransaction());
        Assert.Null(copy.PersistentId);

        var reopened = Open();
        Assert.Equal("kept", reopened.Load<Job>(id).Name);
        Assert.Equal(2, reopened.List().Count);
    }

    [Fact]
    public void Every_container_shape_holds_references_that_load_back_shared()
    {
        var shared = Samples.Job("shared");
        var other = Samples.Job("other");
        var node = new Node { Name = "n" };
        var containers = new Containers
        {
            JobList = [shared, other, shared],
            JobArray = [other, null, shared],
            JobsByName = { ["s"] = shared, ["o"] = other },
            Tags = ["x", "y"],
            Nested = [[node], [], [node]],
            Box = new JobBox { Label = "boxed", Job = shared },
            Numbers = [1, 2, 3],
            States = [JobState.Running, JobState.Terminated],
        };
        var id = Open().Save(containers);

        var loaded = Open().Load<Containers>(id);

        var s = loaded.JobList[0];
        Assert.Equal("shared", s.Name);
        Assert.Same(s, loaded.JobList[2]);
        Assert.Same(s, loaded.JobArray[2]);
        Assert.Null(loaded.JobArray[1]);
        Assert.Same(loaded.JobList[1], loaded.JobArray[0]);
        Assert.Same(s, loaded.JobsByName["s"]);
        Assert.Same(s, loaded.Box!.Job);
        Assert.Equal("boxed", loaded.Box.Label);
        Assert.Same(loaded.Nested![0][0], loaded.Nested[2][0]);
        Assert.Empty(loaded.Nested[1]);
        Assert.Equal(["x", "y"], loaded.Tags.Order());
        Assert.Equal([1, 2, 3], loaded.Numbers);
        Assert.Equal([JobState.Running, JobState.Terminated], loaded.States);
        Assert.Equal(6, Open().List().Count); // containers, two jobs, their two executables, the node
    }

    [Fact]
    public void Cycles_are_saved_once_and_load_back_as_the_same_instances()
    {
        var a = new Node { Name = "a" };
        var b = new Node { Name = "b", Next = a };
        a.Next = b;
        a.Children = [a, b];
        var id = Open().Save(a);

        var loaded = Open().Load<Node>(id);

        Assert.Equal(2, Open().List().Count);
        Assert.Equal("b", loaded.Next!.Name);
        Assert.Same(loaded, loaded.Next.Next);
        Assert.Same(loaded, loaded.Children[0]);
        Assert.Same(loaded.Next, loaded.Children[1]);
    }

    [Fact]
    public void Base_typed_references_load_back_as_their_derived_types()
    {
        var cluster = new Cluster
        {
            Head = new GpuMachine { Name = "head", Cores = 64, Gpu = "H100" },
            Workers = [new Machine { Name = "w1", Cores = 8 }, new GpuMachine { Name = "w2", Cores = 16, Gpu = "A100" }],
        };
        var id = Open().Save(cluster);

        var loaded = Open().Load<Cluster>(id);

        var head = Assert.IsType<GpuMachine>(loaded.Head);
        Assert.Equal(("head", 64, "H100"), (head.Name, head.Cores, head.Gpu));
        var w1 = Assert.IsType<Machine>(loaded.Workers[0]);
        Assert.Equal(("w1", 8), (w1.Name, w1.Cores));
        var w2 = Assert.IsType<GpuMachine>(loaded.Workers[1]);
        Assert.Equal(("w2", 16, "A100"), (w2.Name, w2.Cores, w2.Gpu));
    }

    [Fact]
    public void Nulls_and_empty_collections_come_back_as_they_were()
    {
        var job = new Job { Name = "", Arguments = [], Environment = [], ExitCode = null, Output = null, Executable = null };
        var id = Open().Save(job);

        var loaded = Open().Load<Job>(id);

        Assert.Equal("", loaded.Name);
        Assert.Empty(loaded.Arguments);
        Assert.Empty(loaded.Environment);
        Assert.Null(loaded.ExitCode);
        Assert.Null(loaded.Output);
        Assert.Null(loaded.Executable);
    }

    [Fact]
    public void Init_only_required_private_set_pinned_and_field_members_round_trip_and_the_load_hook_runs()
    {
        var settings = new Settings { Owner = "ops", Mode = "manual", Pinned = 77 };
        settings.SetRetries(3);
        var id = Open().Save(settings);

        var loaded = Open().Load<Settings>(id);

        Assert.Equal(("ops", 3, "manual", 77L), (loaded.Owner, loaded.Retries, loaded.Mode, loaded.Pinned));
        Assert.Equal(1, loaded.LoadHookRuns);
    }

    [Fact]
    public void Threads_saving_at_once_get_distinct_ids()
    {
        var store = Open();
        var ids = new System.Collections.Concurrent.ConcurrentBag<Id>();

        Parallel.For(0, 200, i => ids.Add(store.Save(Samples.Job($"t{i}"))));

        Assert.Equal(200, ids.Distinct().Count());
        Assert.Equal(ids.Order(), Open().List().Where(id => id.Prefix == nameof(Job)));
    }

    [Fact]
    public void Processes_saving_at_once_get_distinct_ids_that_all_load()
    {
        var (processes, each) = ConcurrentWriters;
        var workers = Enumerable.Range(0, processes)
            .Select(p => WorkerProcess.Start("save-many", StoreUri, each.ToString(System.Globalization.CultureInfo.InvariantCulture), $"p{p}"))
            .ToList();

        var saved = workers.SelectMany(w =>
        {
            using (w)
            {
                return w.ReadToEnd().Where(l => l.StartsWith("saved ", StringComparison.Ordinal)).Select(l => Id.Parse(l[6..])).ToList();
            }
        }).ToList();

        Assert.Equal(processes * each, saved.Count);
        Assert.Equal(processes * each, saved.Distinct().Count());
        var store = Open();
        Assert.Equal(saved.Order(), store.List());
        var names = saved.Select(id => store.Load<Job>(id).Name).ToHashSet();
        Assert.Equal(processes * each, names.Count);
    }

    [Fact]
    public void A_process_that_never_touched_a_library_loads_its_types()
    {
        var id = Open().Save(new Machine { Name = "m", Cores = 2 });

        using var worker = WorkerProcess.Start("load", StoreUri, id.ToString());

        Assert.Equal([$"type {typeof(Machine).FullName}"], worker.ReadToEnd());
    }
}
