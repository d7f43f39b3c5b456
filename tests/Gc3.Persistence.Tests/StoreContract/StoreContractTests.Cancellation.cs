namespace Gc3.Persistence.Tests.StoreContract;

/// <summary>
/// Operations cancelled part way, the same on every store: a token cancelled by the application's code while a save
/// encodes, or while a load decodes, stops the operation with <see cref="OperationCanceledException"/>, nothing is
/// written or kept, and the next operation, from any thread, finds the store and the objects as they were.
/// </summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task A_save_cancelled_while_it_encodes_writes_nothing_and_holds_nothing()
    {
        var store = Open();
        var partner = new GatedPart { Name = "partner" };
        store.Save(partner);
        var before = store.Count();

        // A new root and a saved partner it changes: the partner's getter cancels the token as the save encodes it.
        var root = new GatedPart { Name = "root", Partner = partner };
        partner.Name = "partner, changed";
        using var cancel = new CancellationTokenSource();
        partner.Reading = cancel.Cancel;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveManyAsync([root, new GatedPart { Name = "other" }], cancel.Token));
        partner.Reading = null;

        Assert.Null(root.PersistentId);
        Assert.Equal(before, store.Count());

        // No claim of the cancelled save is left: another thread saves the same new root.
        var id = await Task.Run(() => store.Save(root));
        var fresh = Open();
        Assert.Equal("partner, changed", fresh.Load<GatedPart>(id).Partner!.Name);
        Assert.Equal(before + 1, fresh.Count());
    }

    [Fact]
    public async Task A_load_cancelled_between_two_records_keeps_nothing_and_the_next_load_reads_the_graph_whole()
    {
        var parentId = Open().Save(new GatedLoad { Name = "parent", Partner = new GatedLoad { Name = "child" } });
        var store = Open();

        // The partner's object is made as the parent's record is decoded, before the partner's record is read.
        using var cancel = new CancellationTokenSource();
        var made = 0;
        GatedLoad.Constructing.Value = _ =>
        {
            if (++made == 2)
            {
                cancel.Cancel();
            }
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.LoadAsync(parentId, cancel.Token));
        GatedLoad.Constructing.Value = null;

        var parent = await store.LoadAsync<GatedLoad>(parentId);
        Assert.Equal("child", parent.Partner!.Name);
        Assert.Equal(1, parent.LoadedHooks);
        Assert.Equal(1, parent.Partner.LoadedHooks);
        Assert.Same(parent.Partner, store.Load<GatedLoad>(parent.Partner.PersistentId!));
    }
}
