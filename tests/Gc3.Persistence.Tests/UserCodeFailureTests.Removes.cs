namespace Gc3.Persistence.Tests;

/// <summary>
/// A remove of the store between a load's reading of a record and its publishing the objects (here from the constructor
/// the load runs as it decodes): the load does not keep in the identity map, nor hand out, the object of a record that is gone.
/// </summary>
public sealed partial class UserCodeFailureTests
{
    [Fact]
    public void A_remove_while_a_load_decodes_the_record_leaves_no_object_for_the_removed_id()
    {
        using var store = new FilesystemStore(_folder.Path);
        var id = store.Save(new Touchy { Value = 1 });
        var kept = store.Save(new Touchy { Value = 2 });
        store.InvalidateCache();
        Touchy.OnNew = () =>
        {
            Touchy.OnNew = null;
            store.Remove(id);
        };
        try
        {
            // The load read the record before the remove; it reads the store again, and finds no record.
            Assert.Throws<RecordNotFoundException>(() => store.Load<Touchy>(id));
        }
        finally
        {
            Touchy.OnNew = null;
        }

        Assert.Throws<RecordNotFoundException>(() => store.Load<Touchy>(id));
        Assert.Equal([kept], store.List());
        Assert.Equal(2, store.Load<Touchy>(kept).Value);
    }
}
