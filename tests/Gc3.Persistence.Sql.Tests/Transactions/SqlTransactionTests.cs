using System.Diagnostics;
using Gc3.Persistence.Telemetry;

namespace Gc3.Persistence.Sql.Tests.Transactions;

/// <summary>
/// Units of work (<see cref="StoreTransaction"/>) on a SQL store, run on SQLite and on a real PostgreSQL
/// server: all or nothing, the concurrency checks of Save, and objects as they were after a rollback.
/// </summary>
public abstract partial class SqlTransactionTests(ITestDatabase database) : SqlTableTests("tx", database)
{
    protected static Job NewJob(string name) => new() { Name = name, Cores = 1, Executable = new Executable { Path = "/bin/" + name, Version = "1", Checksum = "c" } };

    /// <summary>A <see cref="NewJob"/> saved through <paramref name="store"/>, which gave it <paramref name="id"/>.</summary>
    protected static Job SavedJob(IStore store, string name, out Id id)
    {
        var job = NewJob(name);
        id = store.Save(job);
        return job;
    }

    [Fact]
    public void Commit_writes_every_save_and_remove_together_and_nothing_before()
    {
        var store = Open();
        var other = Open();
        var doomed = SavedJob(store, "doomed", out var doomedId);
        var kept = SavedJob(store, "kept", out var keptId);
        var before = store.Count();

        using var tx = store.BeginTransaction();
        var a = NewJob("a");
        var aId = tx.Save(a);
        var b = NewJob("b");
        var bId = tx.Save(b);
        kept.Cores = 7;
        tx.Save(kept);
        tx.Remove(doomedId);
        Assert.Equal(aId, a.PersistentId);
        Assert.Equal(4, tx.Count);

        // Nothing is written before Commit, for this store or another.
        Assert.Equal(before, other.Count());
        Assert.Throws<RecordNotFoundException>(() => other.Load(aId));
        Assert.Equal(1, other.Load<Job>(keptId).Cores);
        other.InvalidateCache();

        a.Name = "a as committed"; // encoded at Commit: the last state is written
        tx.Commit();
        Assert.True(tx.IsCommitted);

        Assert.Equal(before + 4 - 1, other.Count()); // a, b and their executables in; doomed out (its executable stays)
        Assert.Equal("a as committed", other.Load<Job>(aId).Name);
        Assert.Equal("b", other.Load<Job>(bId).Name);
        Assert.Equal("/bin/a", other.Load<Job>(aId).Executable!.Path);
        Assert.Equal(7, other.Load<Job>(keptId).Cores);
        Assert.Throws<RecordNotFoundException>(() => other.Load(doomedId));

        // Versions and the identity map follow the commit: the objects save again without a conflict.
        Assert.Same(a, store.Load(aId));
        a.Cores = 3;
        kept.Cores = 8;
        store.SaveMany([a, kept]);
        other.InvalidateCache();
        Assert.Equal(3, other.Load<Job>(aId).Cores);
        Assert.Equal(8, other.Load<Job>(keptId).Cores);

        Assert.Throws<InvalidOperationException>(() => tx.Save(NewJob("late")));
        Assert.Throws<InvalidOperationException>(() => tx.Commit());
    }

    [Fact]
    public void A_concurrency_conflict_inside_a_transaction_rolls_back_everything_and_leaves_objects_as_they_were()
    {
        var mine = Open();
        var theirs = Open();
        var contended = SavedJob(mine, "contended", out var contendedId);
        var removable = SavedJob(mine, "removable", out var removableId);
        var untouched = SavedJob(mine, "untouched", out var untouchedId);

        var theirCopy = theirs.Load<Job>(contendedId);
        theirCopy.Name = "theirs";
        theirs.Save(theirCopy);
        var rowsBefore = theirs.Count();

        var fresh = NewJob("fresh");
        using var tx = mine.BeginTransaction();
        var freshId = tx.Save(fresh);
        untouched.Cores = 42;
        tx.Save(untouched);
        contended.Name = "mine";
        tx.Save(contended);
        tx.Remove(removableId);
        var conflict = Assert.Throws<ConcurrencyException>(() => tx.Commit());
        Assert.Equal(contendedId, conflict.Id);
        Assert.False(tx.IsCommitted);

        // Nothing of the transaction is in the store.
        theirs.InvalidateCache();
        Assert.Equal(rowsBefore, theirs.Count());
        Assert.Throws<RecordNotFoundException>(() => theirs.Load(freshId));
        Assert.Equal("removable", theirs.Load<Job>(removableId).Name);
        Assert.Equal(1, theirs.Load<Job>(untouchedId).Cores);
        Assert.Equal("theirs", theirs.Load<Job>(contendedId).Name);

        // The objects do not think they are saved: the new ones lost their IDs, the others keep their old versions.
        Assert.Null(fresh.PersistentId);
        Assert.Null(fresh.Executable!.PersistentId);
        Assert.Throws<InvalidOperationException>(() => tx.Commit());

        // The stale copy left the identity map; the others save as they would have.
        Assert.Equal("theirs", mine.Load<Job>(contendedId).Name);
        var retried = mine.SaveMany([fresh, untouched]);
        Assert.NotEqual(freshId, retried[0]); // a new ID: the rolled-back one is never reused for another record
        theirs.InvalidateCache();
        Assert.Equal("fresh", theirs.Load<Job>(retried[0]).Name);
        Assert.Equal(42, theirs.Load<Job>(untouchedId).Cores);
    }

    [Fact]
    public void Disposing_without_commit_writes_nothing_and_takes_the_ids_back()
    {
        var store = Open();
        var saved = SavedJob(store, "saved", out var savedId);
        var count = store.Count();
        var fresh = NewJob("fresh");
        using (var tx = store.BeginTransaction())
        {
            Assert.NotNull(tx.Save(fresh));
            saved.Name = "changed";
            tx.Save(saved);
            tx.Remove(savedId);
        }

        Assert.Null(fresh.PersistentId);
        Assert.Equal(count, store.Count());
        store.InvalidateCache();
        Assert.Equal("saved", Open().Load<Job>(savedId).Name);

        // The changed object saves normally afterwards: its version did not move.
        store.Save(saved);
        Assert.Equal("changed", Open().Load<Job>(savedId).Name);
    }

    [Fact]
    public void A_new_object_the_store_saved_after_the_transaction_gave_it_its_id_fails_the_commit_saying_so()
    {
        var store = Open();
        var job = NewJob("twice");
        using var tx = store.BeginTransaction();
        var id = tx.Save(job);
        Assert.Equal(id, store.Save(job)); // outside the transaction, under the ID it gave

        var refused = Assert.Throws<ConcurrencyException>(tx.Commit);
        Assert.Equal(id, refused.Id);
        Assert.Contains($"Cannot save the new object '{id}': the store already holds a record under that ID", refused.Message, StringComparison.Ordinal);
        Assert.Contains("the store's own Save of this object after a transaction's Save gave it its ID", refused.Message, StringComparison.Ordinal);
        Assert.Equal("twice", Open().Load<Job>(id).Name);

        // The object is the record the store's Save wrote: it keeps that ID and its place in the identity map, and saves
        // there again. Before, the failed commit took the ID back and the next save gave the object a second record.
        var count = store.Count();
        Assert.Equal(id, job.PersistentId);
        Assert.Same(job, store.Load(id));
        job.Name = "again";
        Assert.Equal(id, store.Save(job));
        Assert.Equal(count, store.Count());
        Assert.Equal("again", Open().Load<Job>(id).Name);
    }

    [Fact]
    public void A_transaction_dropped_after_the_store_saved_its_new_object_leaves_the_object_its_id()
    {
        var store = Open();
        var job = NewJob("kept");
        Id id;
        using (var tx = store.BeginTransaction())
        {
            id = tx.Save(job);
            store.Save(job);
        }

        var count = store.Count();
        Assert.Equal(id, job.PersistentId);
        job.Name = "again";
        Assert.Equal(id, store.Save(job));
        Assert.Equal(count, store.Count());
        Assert.Equal("again", Open().Load<Job>(id).Name);
    }

    [Fact]
    public async Task A_commit_refused_before_it_began_takes_back_the_ids_the_transaction_gave()
    {
        // A token cancelled before the commit, a store disposed under the transaction: the commit writes nothing and
        // ends the transaction, and its new objects are new again. Before, they kept IDs no record had.
        var store = Open();
        var cancelled = NewJob("cancelled");
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await using (var tx = store.BeginTransaction())
        {
            tx.Save(cancelled);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tx.CommitAsync(cancel.Token));
        }

        Assert.Null(cancelled.PersistentId);

        var disposed = Open();
        var orphan = NewJob("orphan");
        using (var tx = disposed.BeginTransaction())
        {
            tx.Save(orphan);
            disposed.Dispose();
            Assert.Throws<ObjectDisposedException>(tx.Commit);
        }

        Assert.Null(orphan.PersistentId);
        Assert.Equal(0, store.Count());
        var ids = store.SaveMany([cancelled, orphan]);
        Assert.Equal("orphan", Open().Load<Job>(ids[1]).Name);
    }

    [Fact]
    public async Task Async_commit_replace_and_remove_many_in_one_transaction()
    {
        var store = Open();
        var ids = await store.SaveManyAsync([NewJob("r1"), NewJob("r2"), NewJob("target")]);
        await using (var tx = store.BeginTransaction())
        {
            tx.RemoveMany([ids[0], ids[1]]);
            tx.Replace(ids[2], NewJob("replacement"));
            tx.SaveMany([NewJob("n1"), NewJob("n2")]);
            await tx.CommitAsync();
        }

        var other = Open();
        Assert.Equal("replacement", (await other.LoadAsync<Job>(ids[2])).Name);
        Assert.Empty((await other.ListAsync("test.job")).Intersect([ids[0], ids[1]]));
        Assert.Equal(3, (await other.ListAsync("test.job")).Count);
    }

    [Fact]
    public void A_commit_reports_a_transaction_span_and_a_failed_one_its_error()
    {
        using var recorder = new TelemetryRecorder(Table);
        var logs = new CapturingLoggerFactory(Microsoft.Extensions.Logging.LogLevel.Debug);
        var store = Open(new StoreOptions { LoggerFactory = logs });
        var other = Open();
        var job = SavedJob(store, "spanned", out var id);

        using (var tx = store.BeginTransaction())
        {
            tx.Save(NewJob("new"));
            tx.Remove(id);
            tx.Commit();
        }

        var stale = SavedJob(store, "stale", out var staleId);
        var copy = other.Load<Job>(staleId);
        copy.Cores = 9;
        other.Save(copy);
        stale.Cores = 10;
        using (var tx = store.BeginTransaction())
        {
            tx.Save(stale);
            Assert.Throws<ConcurrencyException>(() => tx.Commit());
        }

        var spans = recorder.SpansOf("transaction");
        Assert.Equal(2, spans.Count);
        var committed = spans[0];
        Assert.Equal($"transaction {Table}", committed.DisplayName);
        Assert.Equal(ActivityKind.Client, committed.Kind);
        Assert.Equal(SystemName, committed.GetTagItem(PersistenceTelemetry.DbSystemNameTag));
        Assert.Equal(Table, committed.GetTagItem(PersistenceTelemetry.DbCollectionNameTag));
        Assert.Equal(2L, committed.GetTagItem(PersistenceTelemetry.RecordCountTag)); // the job and its executable
        Assert.Equal(1, committed.GetTagItem(PersistenceTelemetry.RemovedCountTag));
        Assert.Equal(2, committed.GetTagItem(PersistenceTelemetry.BatchSizeTag));
        Assert.True((long)committed.GetTagItem(PersistenceTelemetry.ByteCountTag)! > 0);
        Assert.Equal(ActivityStatusCode.Unset, committed.Status);

        Assert.Equal(ActivityStatusCode.Error, spans[1].Status);
        Assert.Equal(typeof(ConcurrencyException).FullName, spans[1].GetTagItem(PersistenceTelemetry.ErrorTypeTag));
        Assert.Equal(1, recorder.Sum(PersistenceTelemetry.ConcurrencyConflictsInstrument));
        Assert.Contains(recorder.Of(PersistenceTelemetry.OperationDurationInstrument), m => m.Tags.Any(t => t.Key == PersistenceTelemetry.DbOperationNameTag && Equals(t.Value, "transaction")));

        // The debug event docs/telemetry.md gives a commit, once: the refused commit logs none.
        var commit = Assert.Single(logs.Entries, e => e.Event.Id == 1008);
        Assert.Matches($@"^Committed a transaction of 2 records \(\d+ bytes\) and 1 removes to {Table}$", commit.Message);
    }

    protected abstract string SystemName { get; }

    [Fact]
    public void A_committed_replace_with_an_object_saved_under_another_id_leaves_that_id_to_its_record()
    {
        var store = Open();
        var first = SavedJob(store, "first", out var firstId);
        var secondId = store.Save(NewJob("second"));

        first.Name = "moved";
        using (var tx = store.BeginTransaction())
        {
            tx.Replace(secondId, first);
            tx.Commit();
        }

        var loaded = store.Load<Job>(firstId);
        Assert.NotSame(first, loaded);
        Assert.Equal(firstId, loaded.PersistentId);
        Assert.Equal("first", loaded.Name);
        Assert.Same(first, store.Load<Job>(secondId));
    }
}
