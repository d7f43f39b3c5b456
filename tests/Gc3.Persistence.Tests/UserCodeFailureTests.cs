namespace Gc3.Persistence.Tests;

/// <summary>
/// The application's own code throws in the middle of a load (a constructor, an OnPersistenceLoaded
/// hook): the error says so, naming the type and the ID, not that the record is corrupt, and nothing
/// of the failed load is kept for the next one.
/// </summary>
public sealed partial class UserCodeFailureTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new("usercode");

    public void Dispose()
    {
        Touchy.ThrowOnNew = false;
        Touchy.ThrowOnLoaded = false;
        Touchy.OnNew = null;
        _folder.Dispose();
    }

    [Fact]
    public void A_constructor_that_throws_is_named_and_the_record_is_not_called_corrupt()
    {
        Id holderId, childId;
        using (var writer = new FilesystemStore(_folder.Path))
        {
            var holder = new Holder { Name = "holder", Child = new Touchy { Value = 7 } };
            holderId = writer.Save(holder);
            childId = holder.Child.PersistentId!;
        }

        using var store = new FilesystemStore(_folder.Path);
        Touchy.ThrowOnNew = true;
        var throughReference = Assert.Throws<LoadException>(() => store.Load(holderId));
        var direct = Assert.Throws<LoadException>(() => store.Load(childId));
        Touchy.ThrowOnNew = false;

        foreach (var e in new[] { throughReference, direct })
        {
            Assert.Equal(childId, e.Id);
            Assert.Contains($"the constructor of {typeof(Touchy).FullName} threw InvalidOperationException: constructor refused", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("corrupt", e.Message, StringComparison.Ordinal);
            Assert.IsType<InvalidOperationException>(e.InnerException);
        }

        Assert.Equal(7, store.Load<Holder>(holderId).Child!.Value);
    }

    [Fact]
    public void A_load_hook_that_throws_fails_the_load_and_leaves_nothing_half_loaded_behind()
    {
        using var store = new FilesystemStore(_folder.Path);
        var holder = new Holder { Name = "holder", Child = new Touchy { Value = 7 } };
        var holderId = store.Save(holder);
        var childId = holder.Child.PersistentId!;
        store.InvalidateCache();

        Touchy.ThrowOnLoaded = true;
        var e = Assert.Throws<LoadException>(() => store.Load(holderId));
        Touchy.ThrowOnLoaded = false;
        Assert.Equal(childId, e.Id);
        Assert.Contains($"the OnPersistenceLoaded hook of {typeof(Touchy).FullName} threw InvalidOperationException: hook refused", e.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(e.InnerException);

        // Loaded again, the graph is read again and every hook runs: no object of the failed load is handed out.
        var child = store.Load<Holder>(holderId).Child!;
        Assert.True(child.Loaded);
        Assert.Same(child, store.Load<Touchy>(childId));
    }

    [Fact]
    public async Task A_load_cancelled_between_two_records_keeps_nothing_and_the_next_load_reads_the_graph_whole()
    {
        using var store = new FilesystemStore(_folder.Path);
        var holder = new Holder { Name = "holder", Child = new Touchy { Value = 7 } };
        var holderId = store.Save(holder);
        store.InvalidateCache();

        // The child's object is made when the holder's record is decoded, before the child's record is read.
        using var cancel = new CancellationTokenSource();
        Touchy.OnNew = cancel.Cancel;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.LoadAsync(holderId, cancel.Token));
        Touchy.OnNew = null;

        var loaded = await store.LoadAsync<Holder>(holderId);
        Assert.Equal(7, loaded.Child!.Value);
        Assert.True(loaded.Child.Loaded);
        Assert.Same(loaded.Child, store.Load<Touchy>(holder.Child.PersistentId!));
    }

    [Persistable]
    public partial class Holder
    {
        public partial string Name { get; set; }

        public partial Touchy? Child { get; set; }
    }

    [Persistable]
    public partial class Touchy
    {
        public Touchy()
        {
            if (ThrowOnNew)
            {
                throw new InvalidOperationException("constructor refused");
            }

            OnNew?.Invoke();
        }

        public static Action? OnNew { get; set; }

        public static bool ThrowOnNew { get; set; }

        public static bool ThrowOnLoaded { get; set; }

        public int Value { get; set; }

        [PersistIgnore]
        public bool Loaded { get; set; }

        partial void OnPersistenceLoaded()
        {
            if (ThrowOnLoaded)
            {
                throw new InvalidOperationException("hook refused");
            }

            Loaded = true;
        }
    }
}
