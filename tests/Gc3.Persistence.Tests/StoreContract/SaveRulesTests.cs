using Gc3.Persistence.Telemetry;
using Gc3.Persistence.TestModel;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Tests.StoreContract;

/// <summary>
/// Issue 13 §4-§6 on every store: a save writes only the records that changed, an object belongs to
/// its store, records written under given IDs move the counter, and a reference to a removed record
/// throws or loads as null as the store is told. A subclass says how to open a store on a named place.
/// </summary>
public abstract class SaveRulesTests : IDisposable
{
    private readonly List<IStore> _opened = [];
    private readonly HashSet<string> _places = [];
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];

    /// <summary>The URI of a store on the place called <paramref name="place"/> (letters and digits, unique to this test).</summary>
    protected abstract string UriOf(string place);

    /// <summary>The <c>db.collection.name</c> the store on <paramref name="place"/> reports its telemetry under.</summary>
    protected abstract string CollectionOf(string place);

    public virtual void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The name of a place of this test: <paramref name="name"/> made unique.</summary>
    protected string Place(string name) => name + _suffix;

    /// <summary>The places this test opened stores on.</summary>
    protected IReadOnlyCollection<string> Places => _places;

    /// <summary>Opens a new store instance on <paramref name="place"/> (a fresh identity map).</summary>
    protected IStore Open(string place, StoreOptions? options = null)
    {
        _places.Add(place);
        var store = StoreFactory.Make(UriOf(place), options ?? new StoreOptions());
        _opened.Add(store);
        return store;
    }

    [Fact]
    public void Saving_one_task_of_a_session_writes_only_the_changed_records()
    {
        var place = Place("tree");
        using var telemetry = new TelemetryRecorder(CollectionOf(place));
        var store = Open(place);
        var session = NewSession(50);
        store.Save(session);
        Assert.Equal(51, telemetry.Sum(PersistenceTelemetry.RecordsWrittenInstrument));

        // Every task reaches the session and through it every other task: all are encoded, one is written.
        var changed = session.Tasks[7];
        changed.Name = "renamed";
        store.Save(changed);
        Assert.Equal(52, telemetry.Sum(PersistenceTelemetry.RecordsWrittenInstrument));
        Assert.Equal(50, telemetry.Sum(PersistenceTelemetry.RecordsSkippedInstrument));

        // A change no setter sees (a list) is still found, by its bytes.
        session.Tasks[3].Arguments.Add("--again");
        store.Save(changed);
        Assert.Equal(54, telemetry.Sum(PersistenceTelemetry.RecordsWrittenInstrument));
        Assert.Equal(99, telemetry.Sum(PersistenceTelemetry.RecordsSkippedInstrument));

        var reloaded = Open(place).Load<Session>(session.PersistentId!);
        Assert.Equal("renamed", reloaded.Tasks[7].Name);
        Assert.Equal(["--task", "3", "--again"], reloaded.Tasks[3].Arguments);
        Assert.All(reloaded.Tasks, task => Assert.Same(reloaded, task.Parent));
    }

    [Fact]
    public void A_change_behind_an_unchanged_tracked_object_is_saved()
    {
        // head -> tail (both tracked, unchanged) -> jobs (not tracked): a save of head must reach the jobs.
        var place = Place("behind");
        var store = Open(place);
        var job = Samples.Job("behind");
        var listed = Samples.Job("listed");
        var head = new Step { Name = "head", Next = new Step { Name = "tail", Job = job, Jobs = [listed] } };
        store.Save(head);

        job.Arguments.Add("--changed");
        listed.Cores = 99;
        store.Save(head);

        var tail = Open(place).Load<Step>(head.PersistentId!).Next!;
        Assert.Equal(job.Arguments, tail.Job!.Arguments);
        Assert.Equal(99, Assert.Single(tail.Jobs!).Cores);
    }

    [Fact]
    public void A_loaded_session_remembers_the_records_it_read()
    {
        var place = Place("loaded");
        var sessionId = Open(place).Save(NewSession(20));

        using var telemetry = new TelemetryRecorder(CollectionOf(place));
        var store = Open(place);
        var session = store.Load<Session>(sessionId);
        session.Tasks[0].Name = "changed after load";
        store.Save(session.Tasks[0]);

        Assert.Equal(1, telemetry.Sum(PersistenceTelemetry.RecordsWrittenInstrument));
        Assert.Equal(20, telemetry.Sum(PersistenceTelemetry.RecordsSkippedInstrument));
        var span = Assert.Single(telemetry.SpansOf("save"));
        Assert.Equal(20L, span.GetTagItem(PersistenceTelemetry.SkippedCountTag));

        // A removed record is written again: the store forgot what it held.
        var other = session.Tasks[1];
        store.Remove(other.PersistentId!);
        store.Save(session.Tasks[0]);
        Assert.Equal("task1", Open(place).Load<SessionTask>(other.PersistentId!).Name);
    }

    [Fact]
    public void An_object_of_another_store_is_refused_and_overwrites_nothing()
    {
        var first = Open(Place("first"));
        var second = Open(Place("second"));
        var mine = new Executable { Path = "/first", Version = "1", Checksum = "a" };
        var theirs = new Executable { Path = "/second", Version = "2", Checksum = "b" };
        var id = first.Save(mine);
        Assert.Equal(id, second.Save(theirs)); // two fresh stores give the same first ID

        var error = Assert.Throws<InvalidOperationException>(() => second.Save(mine));

        Assert.Contains(id.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(first.ToString()!, error.Message, StringComparison.Ordinal);
        Assert.Contains(second.ToString()!, error.Message, StringComparison.Ordinal);
        Assert.Contains("Import", error.Message, StringComparison.Ordinal);
        Assert.Equal("/second", Open(Place("second")).Load<Executable>(id).Path);

        // Reached from a new object, too: the new one is not given an ID either.
        var task = new SessionTask { Name = "new" };
        first.Save(new Session { Name = "holder", Tasks = [task] });
        var fresh = new Session { Name = "fresh", Tasks = [task] };
        Assert.Throws<InvalidOperationException>(() => second.Save(fresh));
        Assert.Null(fresh.PersistentId);

        // Another store on the same place shares the object.
        mine.Version = "1.1";
        Open(Place("first")).Save(mine);
        Assert.Equal("1.1", Open(Place("first")).Load<Executable>(id).Version);
    }

    [Fact]
    public void Import_copies_a_graph_under_its_ids_and_moves_the_counter_past_them()
    {
        var source = Open(Place("source"));
        var session = NewSession(5);
        source.Save(session);
        var highest = session.Tasks.Select(t => t.PersistentId!.SeqNo).Append(session.PersistentId!.SeqNo).Max();

        var target = Open(Place("target"));
        Assert.Equal(session.PersistentId, target.Import(session));
        var next = target.Save(new Executable { Path = "/new", Version = "1", Checksum = "c" });

        Assert.True(next.SeqNo > highest, $"{next} was given after importing IDs up to {highest}");
        var copy = Open(Place("target")).Load<Session>(session.PersistentId!);
        Assert.Equal(session.Tasks.Select(t => t.Name), copy.Tasks.Select(t => t.Name));
        Assert.Equal(session.Tasks.Select(t => t.PersistentId), copy.Tasks.Select(t => t.PersistentId));

        // The objects now belong to both stores.
        session.Tasks[0].Name = "both";
        source.Save(session.Tasks[0]);
        target.Save(session.Tasks[0]);
        Assert.Equal("both", Open(Place("source")).Load<SessionTask>(session.Tasks[0].PersistentId!).Name);
        Assert.Equal("both", Open(Place("target")).Load<SessionTask>(session.Tasks[0].PersistentId!).Name);
    }

    [Fact]
    public void A_new_object_whose_id_was_set_by_hand_is_saved_under_it_and_moves_the_counter_past_it()
    {
        // docs/stores.md: "An object no store has seen but whose PersistentId was set by hand is saved under that ID",
        // and the counter moves past it, so no later save is given that ID.
        var place = Place("byhand");
        var store = Open(place);
        store.Save(new Executable { Path = "/first", Version = "1", Checksum = "f" }); // a block of numbers reserved
        var given = new Id(nameof(Executable), 40);
        var byHand = new Executable { Path = "/by-hand", Version = "1", Checksum = "h" };
        ((IPersistable)byHand).PersistentId = given;

        Assert.Equal(given, store.Save(byHand));
        var later = Enumerable.Range(0, 50).Select(i => store.Save(new Executable { Path = "/later" + i, Version = "1", Checksum = "l" })).ToList();
        var elsewhere = Open(place).Save(new Executable { Path = "/elsewhere", Version = "1", Checksum = "e" });

        Assert.DoesNotContain(given, later);
        Assert.NotEqual(given, elsewhere);
        Assert.Equal("/by-hand", Open(place).Load<Executable>(given).Path);
    }

    [Fact]
    public void Replace_under_given_ids_moves_the_counter_past_them()
    {
        var place = Place("replace");
        var store = Open(place);
        var replaced = new[] { 1L, 2L, 3L }.Select(n => new Id(nameof(Executable), n)).ToArray();
        foreach (var id in replaced)
        {
            store.Replace(id, new Executable { Path = "/replaced/" + id.SeqNo, Version = "1", Checksum = "r" });
        }

        // Saves of this store, and of another store on the same place, get other IDs.
        var saved = store.Save(new Executable { Path = "/saved", Version = "1", Checksum = "s" });
        var elsewhere = Open(place).Save(new Executable { Path = "/elsewhere", Version = "1", Checksum = "e" });
        Assert.DoesNotContain(saved, replaced);
        Assert.DoesNotContain(elsewhere, replaced);

        // Inside a block of numbers this store already reserved, too.
        var more = Enumerable.Range(0, 3).Select(i => store.Save(new Executable { Path = "/more" + i, Version = "1", Checksum = "m" })).ToList();
        var ahead = new Id(nameof(Executable), more[^1].SeqNo + 2);
        store.Replace(ahead, new Executable { Path = "/ahead", Version = "1", Checksum = "a" });
        var after = store.Save(new Executable { Path = "/after", Version = "1", Checksum = "a" });
        Assert.True(after.SeqNo > ahead.SeqNo, $"{after} was given after a replace under {ahead}");

        var check = Open(place);
        foreach (var id in replaced)
        {
            Assert.Equal("/replaced/" + id.SeqNo, check.Load<Executable>(id).Path);
        }

        Assert.Equal("/saved", check.Load<Executable>(saved).Path);
        Assert.Equal("/elsewhere", check.Load<Executable>(elsewhere).Path);
        Assert.Equal("/ahead", check.Load<Executable>(ahead).Path);
        Assert.Equal("/after", check.Load<Executable>(after).Path);
    }

    [Fact]
    public void Replace_with_an_object_saved_under_another_id_leaves_that_id_to_its_record()
    {
        var place = Place("moved");
        var store = Open(place);
        var first = new Executable { Path = "/first", Version = "1", Checksum = "f" };
        var second = new Executable { Path = "/second", Version = "1", Checksum = "s" };
        var firstId = store.Save(first);
        var secondId = store.Save(second);
        var job = new Job { Name = "uses first", Executable = new Executable { Path = "/other", Version = "1", Checksum = "o" } };
        var jobId = store.Save(job);

        // The object moves to secondId, as gc3's replace does; firstId keeps its record, and a load of it
        // (or of a record that refers to it) gives an object saved under firstId, not the moved one.
        first.Path = "/moved";
        store.Replace(secondId, first);
        Assert.Equal(secondId, first.PersistentId);
        var loaded = store.Load<Executable>(firstId);
        Assert.NotSame(first, loaded);
        Assert.Equal(firstId, loaded.PersistentId);
        Assert.Equal("/first", loaded.Path);
        Assert.Same(first, store.Load<Executable>(secondId));

        // A referrer saved afterwards still refers to firstId.
        job.Executable = loaded;
        store.Save(job);
        var check = Open(place);
        Assert.Equal(firstId, check.Load<Job>(jobId).Executable!.PersistentId);
        Assert.Equal("/moved", check.Load<Executable>(secondId).Path);
    }

    [Fact]
    public void An_object_outliving_its_stores_keeps_none_of_them_alive_and_still_belongs_to_its_place()
    {
        var place = Place("outlived");
        var exe = new Executable { Path = "/outlived", Version = "0", Checksum = "o" };
        Open(place).Save(exe);

        // A store opened, used and disposed in turn, as an application may do per request.
        var disposed = SaveThroughStoresInTurn(UriOf(place), exe, 20);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Equal(0, disposed.Count(store => store.IsAlive));

        // It still belongs to its place only: refused elsewhere, saved there.
        Assert.Throws<InvalidOperationException>(() => Open(Place("elsewhere")).Save(exe));
        exe.Version = "last";
        Open(place).Save(exe);
        Assert.Equal("last", Open(place).Load<Executable>(exe.PersistentId!).Version);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static List<WeakReference> SaveThroughStoresInTurn(string uri, Executable exe, int count)
    {
        var stores = new List<WeakReference>();
        for (var i = 1; i <= count; i++)
        {
            var store = StoreFactory.Make(uri);
            exe.Version = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            store.Save(exe);
            store.Dispose();
            stores.Add(new WeakReference(store));
        }

        return stores;
    }

    [Fact]
    public void A_reference_to_a_removed_record_throws_or_loads_as_null_as_the_store_says()
    {
        var place = Place("removed");
        var store = Open(place);
        var gone = new Node { Name = "gone" };
        var kept = new Node { Name = "kept" };
        var head = new Node { Name = "head", Next = gone, Children = [gone, kept] };
        var headId = store.Save(head);
        store.Remove(gone.PersistentId!);

        var error = Assert.Throws<RecordNotFoundException>(() => Open(place).Load<Node>(headId));
        Assert.Equal(gone.PersistentId, error.Id);
        Assert.Contains(headId.ToString(), error.Message, StringComparison.Ordinal);

        var log = new CapturingLoggerFactory(LogLevel.Warning);
        var lenient = Open(place, new StoreOptions { MissingReferences = MissingReferenceHandling.LoadAsNull, LoggerFactory = log });
        var loaded = lenient.Load<Node>(headId);

        Assert.Null(loaded.Next);
        Assert.Equal(2, loaded.Children.Count);
        Assert.Null(loaded.Children[0]);
        Assert.Equal("kept", loaded.Children[1].Name);
        var warning = Assert.Single(log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(1007, warning.Event.Id); // the event ID docs/telemetry.md gives
        Assert.Contains(gone.PersistentId!.ToString(), warning.Message, StringComparison.Ordinal);
        Assert.Contains(headId.ToString(), warning.Message, StringComparison.Ordinal);

        // The root itself missing is always an error.
        Assert.Throws<RecordNotFoundException>(() => lenient.Load<Node>(gone.PersistentId!));
    }

    private static Session NewSession(int tasks)
    {
        var session = new Session { Name = "session", Tasks = [] };
        for (var i = 0; i < tasks; i++)
        {
            session.Tasks.Add(new SessionTask { Name = "task" + i, Parent = session, Arguments = ["--task", i.ToString(System.Globalization.CultureInfo.InvariantCulture)] });
        }

        return session;
    }
}
