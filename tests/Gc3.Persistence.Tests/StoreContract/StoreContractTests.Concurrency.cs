namespace Gc3.Persistence.Tests.StoreContract;

/// <summary>
/// Optimistic concurrency, the same in every store: a save of an object whose record someone else saved or removed
/// since this object was loaded or last saved is refused whole, and writes nothing. The file store let the last
/// writer win until its records got versions (their fingerprints, checked under a write lock).
/// </summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public void A_save_of_a_copy_someone_else_saved_since_is_refused_and_writes_nothing()
    {
        var first = Open();
        var second = Open();
        var id = first.Save(Samples.Job("contended"));
        var mine = first.Load<Job>(id);
        var theirs = second.Load<Job>(id);
        mine.Cores = 3;
        first.Save(mine);

        theirs.Cores = 4;
        theirs.Name = "loser";
        var e = Assert.Throws<ConcurrencyException>(() => second.Save(theirs));
        Assert.Equal(id, e.Id);
        Assert.NotEqual(e.ExpectedVersion, e.ActualVersion);
        Assert.Contains($"Cannot save '{id}': it was changed by someone else since it was loaded or last saved here", e.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", e.Message, StringComparison.Ordinal);
        var stored = Open().Load<Job>(id);
        Assert.Equal(3, stored.Cores);
        Assert.Equal("contended", stored.Name);

        // Loaded again, the record saves; the stale copy stays stale.
        var fresh = second.Load<Job>(id);
        Assert.NotSame(theirs, fresh);
        fresh.Cores = 5;
        second.Save(fresh);
        Assert.Equal(5, Open().Load<Job>(id).Cores);
        Assert.Throws<ConcurrencyException>(() => second.Save(theirs));

        // The winner's own copy is stale now too, and a save of it after a reload goes through.
        mine.Cores = 6;
        Assert.Throws<ConcurrencyException>(() => first.Save(mine));
        first.InvalidateCache();
        var again = first.Load<Job>(id);
        again.Cores = 6;
        first.Save(again);
        Assert.Equal(6, Open().Load<Job>(id).Cores);
    }

    [Fact]
    public void A_store_saving_its_own_object_again_and_again_never_conflicts_with_itself()
    {
        var store = Open();
        var job = Samples.Job("mine");
        store.Save(job);
        for (var cores = 1; cores <= 5; cores++)
        {
            job.Cores = cores;
            store.Save(job);
            store.SaveMany([job, Samples.Job($"other-{cores}")]);
        }

        Assert.Equal(5, Open().Load<Job>(job.PersistentId!).Cores);
    }

    [Fact]
    public void A_graph_save_with_one_stale_record_is_refused_whole()
    {
        var first = Open();
        var second = Open();
        var jobs = new[] { Samples.Job("a"), Samples.Job("b") };
        first.SaveMany(jobs);
        var theirs = second.Load<Job>(jobs[1].PersistentId!);
        theirs.Cores = 9;
        second.Save(theirs);

        jobs[0].Cores = 7;
        jobs[1].Cores = 7;
        var added = Samples.Job("c");
        var e = Assert.Throws<ConcurrencyException>(() => first.SaveMany([jobs[0], jobs[1], added]));
        Assert.Equal(jobs[1].PersistentId, e.Id);
        Assert.Null(added.PersistentId);
        var check = Open();
        Assert.Equal(4, check.Load<Job>(jobs[0].PersistentId!).Cores);
        Assert.Equal(9, check.Load<Job>(jobs[1].PersistentId!).Cores);
        Assert.Equal(4, check.List().Count); // the two jobs and their executables, nothing of the refused save

        // The record that was not stale saves on its own.
        first.Save(jobs[0]);
        Assert.Equal(7, Open().Load<Job>(jobs[0].PersistentId!).Cores);
    }

    [Fact]
    public void Saving_a_copy_of_a_record_someone_removed_is_refused_but_removing_it_yourself_is_not()
    {
        var first = Open();
        var second = Open();
        var id = first.Save(Samples.Job("doomed"));
        var mine = second.Load<Job>(id);
        first.Remove(id);
        mine.Cores = 8;
        var e = Assert.Throws<ConcurrencyException>(() => second.Save(mine));
        Assert.Equal(0, e.ActualVersion);
        Assert.Contains("removed", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(id, Open().List());

        var kept = first.Load<Job>(first.Save(Samples.Job("phoenix")));
        first.Remove(kept.PersistentId!);
        first.Save(kept);
        Assert.Equal("phoenix", Open().Load<Job>(kept.PersistentId!).Name);
    }

    [Fact]
    public void A_store_per_unit_of_work_checks_the_version_another_store_of_its_place_loaded()
    {
        Id id;
        Job job;
        using (var loader = StoreFactory.Make(StoreUri))
        {
            id = loader.Save(Samples.Job("handed-on"));
            job = loader.Load<Job>(id);
        }

        using (var rival = StoreFactory.Make(StoreUri))
        {
            var theirs = rival.Load<Job>(id);
            theirs.Cores = 5;
            rival.Save(theirs);
        }

        using var last = StoreFactory.Make(StoreUri);
        job.Cores = 7;
        Assert.Throws<ConcurrencyException>(() => last.Save(job));
        Assert.Equal(5, last.Load<Job>(id).Cores);
    }

    [Fact]
    public async Task Replace_writes_whatever_is_stored_and_the_async_api_checks_versions_too()
    {
        var first = Open();
        var second = Open();
        var id = await first.SaveAsync(Samples.Job("async"));
        var mine = await first.LoadAsync<Job>(id);
        var theirs = await second.LoadAsync<Job>(id);
        mine.Cores = 3;
        await first.SaveAsync(mine);
        theirs.Cores = 4;
        await Assert.ThrowsAsync<ConcurrencyException>(() => second.SaveAsync(theirs));

        // Replace means "this is the record now", whatever is stored.
        var replacement = Samples.Job("replacement");
        second.Replace(id, replacement);
        Assert.Equal("replacement", Open().Load<Job>(id).Name);
        Assert.Throws<ConcurrencyException>(() => first.Save(mine));
    }
}
