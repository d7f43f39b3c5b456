using Gc3.Persistence.Engine;

namespace Gc3.Persistence.Tests;

/// <summary>The identity map gives its handles back when its store is disposed, not only when it is collected.</summary>
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
}
