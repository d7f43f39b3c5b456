using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Tests.StoreContract;

/// <summary>The everyday queries and bulk operations, on every store.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public void Count_counts_every_record()
    {
        var store = Open();
        Assert.Equal(0, store.Count());
        store.SaveMany([Samples.Job("a"), Samples.Job("b")]); // two jobs sharing nothing: two executables too
        Assert.Equal(4, store.Count());
        Assert.Equal(store.List().Count, Open().Count());
    }

    [Fact]
    public async Task List_by_type_gives_that_type_and_its_subtypes_by_tag_whatever_their_id_prefix()
    {
        var store = Open();
        var machine = store.Save(new Machine { Name = "m", Cores = 4 });
        var gpu = store.Save(new GpuMachine { Name = "g", Cores = 8, Gpu = "a100" });
        var job = store.Save(Samples.Job("j"));

        Id[] machines = [.. new[] { machine, gpu }.Order()]; // Id order: by prefix, then number
        Assert.Equal(machines, Open().List<Resource>());
        Assert.Equal(machines, Open().List<Machine>());
        Assert.Equal([gpu], Open().List<GpuMachine>());
        Assert.Equal([job], Open().List<Job>());
        Assert.Equal([job], Open().List("test.job"));
        Assert.Equal([job], await Open().ListAsync("test.job"));
        Assert.Equal([gpu], await Open().ListAsync<GpuMachine>());
        Assert.Empty(Open().List("no.such.tag"));
        var e = Assert.Throws<ArgumentException>(() => Open().List<string>());
        Assert.Contains("No registered persistable type is a System.String", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadMany_loads_in_the_order_given_and_shares_what_the_graphs_share()
    {
        var store = Open();
        var shared = Samples.Executable();
        var ids = store.SaveMany([Samples.Job("one", shared), Samples.Job("two", shared), Samples.Job("three", shared)]);

        var reader = Open();
        var reversed = ids.Reverse().ToList();
        var jobs = reader.LoadMany<Job>(reversed);
        Assert.Equal(["three", "two", "one"], jobs.Select(j => j.Name));
        Assert.Same(jobs[0].Executable, jobs[2].Executable);
        Assert.Same(jobs[1], (await reader.LoadManyAsync<Job>([ids[1]]))[0]);

        var wrongType = Assert.Throws<LoadException>(() => Open().LoadMany<Machine>(ids));
        Assert.Equal(ids[0], wrongType.Id);
        var missing = Assert.Throws<RecordNotFoundException>(() => Open().LoadMany([ids[0], new Id("job", 999_999)]));
        Assert.Contains("there is no such record", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAllAsync_streams_every_object_of_a_type()
    {
        var store = Open();
        var ids = store.SaveMany(Enumerable.Range(0, 25).Select(i => (object)new Machine { Name = $"m{i}", Cores = i }).ToList());
        store.Save(Samples.Job("not a machine"));

        var names = new List<string>();
        await foreach (var machine in Open().LoadAllAsync<Machine>())
        {
            names.Add(machine.Name);
        }

        Assert.Equal(ids.Count, names.Count);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"m{i}").Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var unused in Open().LoadAllAsync<Machine>(cancelled.Token))
            {
                Assert.Fail("nothing is loaded after cancellation");
            }
        });
    }

    [Fact]
    public async Task LoadAllAsync_skips_a_record_removed_after_the_listing()
    {
        var ids = Open().SaveMany(Enumerable.Range(0, 4).Select(i => (object)new Machine { Name = $"m{i}", Cores = i }).ToList());
        var loaded = new List<string>();

        // The listing is taken at the first MoveNextAsync; another store removes the last record after it.
        await foreach (var machine in Open().LoadAllAsync<Machine>())
        {
            loaded.Add(machine.Name);
            if (loaded.Count == 1)
            {
                Open().Remove(ids[^1]);
            }
        }

        Assert.Equal(["m0", "m1", "m2"], loaded.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RemoveMany_removes_every_record_named_and_ignores_missing_ones()
    {
        var store = Open();
        var ids = store.SaveMany([new Machine { Name = "a" }, new Machine { Name = "b" }, new Machine { Name = "c" }]);
        store.RemoveMany([ids[0], ids[1], new Id("Machine", 999_999)]);
        Assert.Equal([ids[2]], Open().List());
        await store.RemoveManyAsync([ids[2]]);
        Assert.Empty(Open().List());

        // A removed object saved again is written afresh, as after Remove (no stale version to check against).
        var again = new Machine { Name = "again" };
        store.RemoveMany([store.Save(again)]);
        again.Name = "back";
        Assert.Equal("back", Open().Load<Machine>(store.Save(again)).Name);
    }
}
