using Gc3.Persistence.Engine;

namespace Gc3.Persistence.Tests;

/// <summary>
/// The identity map gives its handles back when its store is disposed, not only when it is collected; a load that
/// read a record a save is writing publishes nothing of its own and waits for the save to end.
/// </summary>
public class IdentityMapTests
{
    [Fact]
    public void A_closed_map_holds_nothing_and_keeps_nothing_set_later()
    {
        var map = new IdentityMap();
        var kept = new object();
        map.Set(new Id("job", 1), kept);
        map.Remove(new Id("job", 1)); // its handle goes to the spare stack, which Close frees too
        map.Set(new Id("job", 2), kept);
        Assert.True(map.TryGet(new Id("job", 2), out _));

        map.Close();
        map.Close(); // twice is harmless

        Assert.False(map.TryGet(new Id("job", 2), out _));
        map.Set(new Id("job", 3), kept); // a save that finished after its store was disposed
        Assert.False(map.TryGet("job", 3, out _));
        GC.KeepAlive(kept);
    }

    [Fact]
    public void Disposing_a_store_empties_its_identity_map()
    {
        using var directory = new TemporaryDirectory("identity-map");
        var store = new FilesystemStore(directory.Path);
        var job = StoreContract.Samples.Job("cached");
        var id = store.Save(job);
        Assert.True(store.IdentityMap.TryGet(id, out _));

        store.Dispose();

        Assert.False(store.IdentityMap.TryGet(id, out _));
        GC.KeepAlive(job);
    }

    [Fact]
    public void A_load_of_a_record_a_save_is_writing_publishes_nothing_and_waits_until_the_save_ends()
    {
        var map = new IdentityMap();
        var other = new Id("job", 1);
        var id = new Id("job", 2);
        var saved = new object();
        PendingRecord[] records = [new(id, saved, null!, default, IsRoot: true)];
        map.BeginSaving(records);

        Assert.False(map.TryGet(id, out _)); // its record may not be written yet: no instance is given
        Assert.False(map.TryPublish([(other, new object()), (id, new object())], map.Removals, out var saving));
        Assert.Equal(id, saving);
        Assert.False(map.TryGet(other, out _)); // all or nothing: what the load made before it is taken back
        var wait = map.WaitWhileSaving(id, async: true).AsTask();
        Assert.False(wait.IsCompleted);

        map.Set(id, saved);
        map.EndSaving(records);

        Assert.True(wait.IsCompletedSuccessfully);
        Assert.True(map.TryGet(id, out var found));
        Assert.Same(saved, found);
        Assert.True(map.WaitWhileSaving(id, async: false).IsCompletedSuccessfully);
        Assert.True(map.TryPublish([(other, saved)], map.Removals, out saving));
        Assert.Null(saving);
    }

    [Fact]
    public void An_id_two_saves_write_is_free_when_both_ended_whatever_is_cleared_and_a_closed_map_releases_its_waiters()
    {
        var map = new IdentityMap();
        var id = new Id("job", 3);
        PendingRecord[] records = [new(id, new object(), null!, default, IsRoot: true)];
        map.BeginSaving(records);
        map.BeginSaving(records);

        map.EndSaving(records);
        map.Clear(); // InvalidateCache forgets loaded objects, not the saves under way
        Assert.False(map.TryPublish([(id, new object())], map.Removals, out _));
        map.EndSaving(records);
        Assert.True(map.TryPublish([(id, new object())], map.Removals, out _));

        map.BeginSaving(records);
        var wait = map.WaitWhileSaving(id, async: true).AsTask();
        map.Close(); // a load waiting for a save of a disposed store goes on, and finds the store disposed
        Assert.True(wait.IsCompletedSuccessfully);
        map.EndSaving(records); // the save ends after: nothing left to end
    }

    [Fact]
    public void A_load_that_began_before_a_remove_publishes_nothing_and_one_that_began_after_publishes()
    {
        var map = new IdentityMap();
        var id = new Id("job", 4);
        var kept = new Id("job", 5);
        var before = map.Removals;

        map.Removed(id);

        Assert.False(map.TryPublish([(kept, new object()), (id, new object())], before, out var saving));
        Assert.Null(saving); // nothing to wait for: the load reads the store again
        Assert.False(map.TryGet(kept, out _));
        var loaded = new object();
        Assert.True(map.TryPublish([(kept, loaded)], map.Removals, out _));
        Assert.True(map.TryGet(kept, out var published));
        Assert.Same(loaded, published);
    }
}
