using System.Diagnostics.Metrics;
using Gc3.Persistence.Telemetry;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Sql.Tests.Transactions;

/// <summary>
/// What a transaction tells its caller when something goes wrong around its write: a logger of the application's that
/// throws once the records are in, and an object the store's own <c>Save</c> or <c>Replace</c> wrote while a transaction
/// held it for a <c>Replace</c>.
/// </summary>
public abstract partial class SqlTransactionTests
{
    [Fact]
    public void A_logger_that_throws_as_a_commit_reports_it_changes_nothing_the_commit_did()
    {
        // Before, the logger's exception reached the caller as a failed commit ("wrote nothing"), and the rollback put
        // the replaced object back under its old ID: its next save overwrote the record it had left, unchecked.
        var logging = new ThrowingLoggerFactory(LogLevel.Debug) { Armed = false };
        var store = Open(new StoreOptions { LoggerFactory = logging });
        var moved = SavedJob(store, "moved", out var movedFrom);
        var targetId = store.Save(NewJob("target"));
        var kept = SavedJob(store, "kept", out var keptId);
        var fresh = NewJob("fresh");

        using var tx = store.BeginTransaction();
        var freshId = tx.Save(fresh);
        moved.Name = "moved in";
        tx.Replace(targetId, moved);
        kept.Cores = 5;
        tx.Save(kept);
        logging.Armed = true;
        tx.Commit();

        Assert.True(logging.Refused > 0);
        Assert.True(tx.IsCommitted);
        Assert.Equal(freshId, fresh.PersistentId);
        Assert.Equal(targetId, moved.PersistentId);

        // The objects are what the store holds: saved again (the logger still throwing), they update their records.
        var count = store.Count();
        kept.Cores = 6;
        moved.Name = "again";
        fresh.Name = "fresh again";
        store.SaveMany([kept, moved, fresh]);
        Assert.Equal(count, store.Count());
        var other = Open();
        Assert.Equal(6, other.Load<Job>(keptId).Cores);
        Assert.Equal("again", other.Load<Job>(targetId).Name);
        Assert.Equal("fresh again", other.Load<Job>(freshId).Name);
        Assert.Equal("moved", other.Load<Job>(movedFrom).Name);
    }

    [Fact]
    public void A_meter_listener_that_throws_as_a_commit_reports_it_is_told_the_commit_is_written()
    {
        var store = Open();
        var doomedId = store.Save(NewJob("doomed"));
        var fresh = NewJob("fresh");
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == PersistenceTelemetry.OperationDurationInstrument)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            if (IsTag(tags, PersistenceTelemetry.DbCollectionNameTag, Table) && IsTag(tags, PersistenceTelemetry.DbOperationNameTag, "transaction"))
            {
                throw new InvalidOperationException("the listener refused");
            }
        });
        listener.Start();

        using var tx = store.BeginTransaction();
        var freshId = tx.Save(fresh);
        tx.Remove(doomedId);
        var e = Assert.Throws<StoreException>(tx.Commit);
        listener.Dispose();

        // Before, the listener's exception reached the caller as a failed commit, and the transaction's state said so.
        Assert.StartsWith("The transaction was committed: its 2 records and 1 removes are written", e.Message, StringComparison.Ordinal);
        Assert.Equal("the listener refused", e.InnerException!.Message);
        Assert.True(tx.IsCommitted);
        Assert.Equal(freshId, fresh.PersistentId);
        Assert.Same(fresh, store.Load(freshId));
        Assert.Throws<RecordNotFoundException>(() => store.Load(doomedId));
        fresh.Name = "again";
        store.Save(fresh);
        Assert.Equal("again", Open().Load<Job>(freshId).Name);
    }

    private static bool IsTag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key, string value)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key)
            {
                return Equals(tag.Value, value);
            }
        }

        return false;
    }

    [Fact]
    public void A_failed_commit_leaves_a_replaced_object_the_id_the_stores_own_save_gave_it_meanwhile()
    {
        var store = Open();
        var (stale, _) = StaleJob(store);
        var targetId = store.Save(NewJob("target"));
        var job = NewJob("new");

        using (var tx = store.BeginTransaction())
        {
            tx.Replace(targetId, job);
            tx.Save(stale);
            var savedId = store.Save(job); // outside the transaction: the object is this record now
            Assert.Throws<ConcurrencyException>(tx.Commit);

            // Before, the rollback put back the ID the object had at tx.Replace (none), and its next save wrote a second record.
            Assert.Equal(savedId, job.PersistentId);
            Assert.Same(job, store.Load(savedId));
            var count = store.Count();
            job.Name = "again";
            Assert.Equal(savedId, store.Save(job));
            Assert.Equal(count, store.Count());
            Assert.Equal("again", Open().Load<Job>(savedId).Name);
            Assert.Equal("target", Open().Load<Job>(targetId).Name);
        }

        // Dropped without a commit, the same.
        var dropped = NewJob("dropped");
        Id droppedId;
        using (var tx = store.BeginTransaction())
        {
            tx.Replace(targetId, dropped);
            droppedId = store.Save(dropped);
        }

        Assert.Equal(droppedId, dropped.PersistentId);
    }

    [Fact]
    public void A_failed_commit_leaves_an_object_the_stores_own_replace_moved_meanwhile_where_it_was_moved()
    {
        var store = Open();
        var (stale, _) = StaleJob(store);
        var job = SavedJob(store, "job", out var jobId);
        var targetId = store.Save(NewJob("target"));
        var elsewhereId = store.Save(NewJob("elsewhere"));

        using var tx = store.BeginTransaction();
        tx.Replace(targetId, job);
        tx.Save(stale);
        job.Name = "moved elsewhere";
        store.Replace(elsewhereId, job); // outside the transaction: the object is now that record
        Assert.Throws<ConcurrencyException>(tx.Commit);

        // Before, the rollback gave the object back the ID it had at tx.Replace, and its next save overwrote that record unchecked.
        Assert.Equal(elsewhereId, job.PersistentId);
        job.Name = "saved again";
        Assert.Equal(elsewhereId, store.Save(job));
        var other = Open();
        Assert.Equal("saved again", other.Load<Job>(elsewhereId).Name);
        Assert.Equal("job", other.Load<Job>(jobId).Name);
        Assert.Equal("target", other.Load<Job>(targetId).Name);
    }

    // A job this store saved and another store then changed: a transaction that saves it fails with a ConcurrencyException.
    private (Job Stale, Id Id) StaleJob(IStore store)
    {
        var stale = SavedJob(store, "stale", out var id);
        var copy = Open().Load<Job>(id);
        copy.Cores = 9;
        Open().Save(copy);
        stale.Cores = 10;
        return (stale, id);
    }
}
