using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Sql.Tests.Interruptions;

/// <summary>
/// Saves interrupted while they write (a cancelled token, an object changed meanwhile), run on SQLite
/// and on a real PostgreSQL server. An extra field's delegate runs while the store binds a record's
/// statement, after every record was encoded and before the transaction commits: it stands for
/// another thread (or code running beside an async save) acting at that moment.
/// </summary>
public abstract class SqlInterruptedSaveTests(ITestDatabase database) : SqlTableTests("int", database)
{
    // Runs for every record the store writes while it is set.
    private Action<object>? _whileWriting;

    private SqlStore OpenWithHook() => Open(new SqlStoreOptions
    {
        ExtraFields = [new SqlExtraField("hook", StoreColumnKind.Integer, o =>
        {
            _whileWriting?.Invoke(o);
            return 0;
        })],
    });

    // A store with the hook and one job saved in it: what an interrupted save must leave as it was.
    private (SqlStore Store, Job Saved, Id SavedId, long Before) OpenWithASavedJob()
    {
        var store = OpenWithHook();
        var saved = NewJob("saved");
        var savedId = store.Save(saved);
        return (store, saved, savedId, store.Count());
    }

    // Runs 'write' with a token cancelled from within the store while it writes a record: it must end cancelled.
    private async Task AssertCancelledWhileWritingAsync(Func<CancellationToken, Task> write)
    {
        using var cancel = new CancellationTokenSource();
        _whileWriting = _ => cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write(cancel.Token));
        _whileWriting = null;
    }

    private static Job NewJob(string name) => new() { Name = name, Cores = 1, Executable = new Executable { Path = "/bin/" + name, Version = "1", Checksum = "c" } };

    [Fact]
    public void A_change_made_while_a_save_writes_is_saved_by_the_next_save()
    {
        var store = OpenWithHook();
        var job = NewJob("job");
        store.Save(job);
        var exe = job.Executable!;

        exe.Version = "2";
        _whileWriting = o =>
        {
            if (ReferenceEquals(o, exe))
            {
                exe.Version = "3"; // after its record was encoded with "2"
            }
        };
        store.Save(job);
        _whileWriting = null;

        // The record holds "2"; the object holds "3" and must still count as changed.
        Assert.True(exe.Changed);
        store.Save(job);
        using var reader = Open();
        Assert.Equal("3", reader.Load<Executable>(exe.PersistentId!).Version);
    }

    [Fact]
    public async Task A_save_cancelled_while_it_writes_writes_nothing_and_a_later_save_writes_everything()
    {
        var (store, saved, savedId, before) = OpenWithASavedJob();

        // A new job and its new executable, with a changed executable of a saved job: three records, one transaction.
        var fresh = NewJob("fresh");
        fresh.Executable = saved.Executable;
        saved.Executable!.Version = "2";
        var extra = new Executable { Path = "/bin/extra", Version = "1", Checksum = "c" };
        await AssertCancelledWhileWritingAsync(token => store.SaveManyAsync([fresh, extra], token));

        // Nothing written; the new objects gave their IDs back; the changed one is changed still.
        Assert.Equal(before, store.Count());
        Assert.Null(fresh.PersistentId);
        Assert.Null(extra.PersistentId);
        Assert.True(saved.Executable.Changed);

        var ids = await store.SaveManyAsync([fresh, extra]);
        using var reader = Open();
        Assert.Equal("fresh", reader.Load<Job>(ids[0]).Name);
        Assert.Equal("/bin/extra", reader.Load<Executable>(ids[1]).Path);
        Assert.Equal("2", reader.Load<Job>(savedId).Executable!.Version);
        Assert.Equal(before + 2, reader.Count());
    }

    [Fact]
    public async Task Saves_of_one_record_cancelled_while_they_bind_write_nothing_and_save_later()
    {
        var (store, saved, savedId, before) = OpenWithASavedJob();
        var lone = new Executable { Path = "/bin/lone", Version = "1", Checksum = "c" };
        await AssertCancelledWhileWritingAsync(token => store.SaveAsync(lone, token));
        Assert.Null(lone.PersistentId);
        Assert.Equal(before, store.Count());

        saved.Cores = 9; // only the job changed: one record, an update
        await AssertCancelledWhileWritingAsync(token => store.SaveAsync(saved, token));
        await AssertCancelledWhileWritingAsync(token => store.ReplaceAsync(savedId, NewJob("replacement"), token));
        using (var reader = Open())
        {
            Assert.Equal(1, reader.Load<Job>(savedId).Cores);
        }

        await store.SaveAsync(saved);
        await store.SaveAsync(lone);
        using var after = Open();
        Assert.Equal(9, after.Load<Job>(savedId).Cores);
        Assert.Equal(before + 1, after.Count());
    }

    [Fact]
    public async Task A_transaction_cancelled_while_it_commits_writes_nothing_and_its_objects_are_as_before()
    {
        var (store, saved, savedId, before) = OpenWithASavedJob();
        saved.Cores = 5;
        var fresh = NewJob("fresh");

        await using (var tx = store.BeginTransaction())
        {
            tx.Save(fresh);
            tx.Save(saved);
            await AssertCancelledWhileWritingAsync(tx.CommitAsync);
        }

        Assert.Equal(before, store.Count());
        Assert.Null(fresh.PersistentId);
        Assert.Null(fresh.Executable!.PersistentId);

        // Saved afterwards, the objects are checked against the version they were loaded at and written whole.
        var freshId = store.Save(fresh);
        store.Save(saved);
        using var reader = Open();
        Assert.Equal("fresh", reader.Load<Job>(freshId).Name);
        Assert.Equal(5, reader.Load<Job>(savedId).Cores);
        Assert.Equal(before + 2, reader.Count());
    }
}
