namespace Gc3.Persistence.Tests.StoreContract;

/// <summary>
/// Two loads through one store that read the same record at the same moment, while its identity map holds no
/// object for it: the load that publishes its objects second finds the first's and gives those, so the store hands
/// out one instance per ID (before, each load gave an instance of its own, and a save of both was two writers of
/// one record).
/// </summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Two_loads_of_one_id_at_the_same_moment_give_the_same_instance()
    {
        var id = Open().Save(new GatedLoad { Name = "once" });
        var store = Open();
        using var gate = new ConstructionGate(holdAt: 1);

        var held = Task.Run(() => gate.Run(() => store.Load<GatedLoad>(id)));
        var discarded = gate.WaitUntilHeld();
        var first = store.Load<GatedLoad>(id); // not held: it reads the record and publishes its object
        gate.Resume();
        var second = await held;

        Assert.Same(first, second);
        Assert.NotSame(discarded, first);
        Assert.Equal(1, first.LoadedHooks); // the kept object's hook ran once, the dropped instance's never
        Assert.Equal(0, discarded.LoadedHooks);
        Assert.Same(first, store.Load<GatedLoad>(id));
    }

    [Fact]
    public async Task A_load_that_meets_an_object_another_load_published_meanwhile_refers_to_that_one()
    {
        var writer = Open();
        var parent = new GatedLoad { Name = "parent", Partner = new GatedLoad { Name = "child" } };
        var parentId = writer.Save(parent);
        var childId = parent.Partner.PersistentId!;
        var store = Open();
        using var gate = new ConstructionGate(holdAt: 2); // the parent's load, once it made its own child

        var held = Task.Run(() => gate.Run(() => store.Load<GatedLoad>(parentId)));
        gate.WaitUntilHeld();
        var child = store.Load<GatedLoad>(childId);
        gate.Resume();
        var loadedParent = await held;

        Assert.Same(child, loadedParent.Partner);
        Assert.Equal(1, child.LoadedHooks);
        Assert.Equal(1, loadedParent.LoadedHooks);
        Assert.Same(loadedParent, store.Load<GatedLoad>(parentId));

        // One object per record: a save through the store writes the child once, and it is not stale.
        child.Name = "child, changed";
        store.Save(loadedParent.Partner!);
        Assert.Equal("child, changed", Open().Load<GatedLoad>(childId).Name);
    }

    // Holds the load run through it at the construction of its holdAt-th object, until Resume.
    private sealed class ConstructionGate : IDisposable
    {
        private static readonly TimeSpan Wait = TimeSpan.FromMinutes(1);
        private readonly ManualResetEventSlim _held = new();
        private readonly ManualResetEventSlim _resume = new();
        private readonly int _holdAt;
        private int _made;
        private GatedLoad? _heldObject;

        public ConstructionGate(int holdAt) => _holdAt = holdAt;

        public T Run<T>(Func<T> load)
        {
            GatedLoad.Constructing.Value = Made;
            try
            {
                return load();
            }
            finally
            {
                GatedLoad.Constructing.Value = null;
            }
        }

        /// <summary>The object whose construction holds the load.</summary>
        public GatedLoad WaitUntilHeld()
        {
            Assert.True(_held.Wait(Wait), "the load made no object");
            return _heldObject!;
        }

        public void Resume() => _resume.Set();

        public void Dispose()
        {
            _resume.Set();
            _held.Dispose();
            _resume.Dispose();
        }

        private void Made(GatedLoad obj)
        {
            if (++_made == _holdAt)
            {
                _heldObject = obj;
                _held.Set();
                _resume.Wait(Wait);
            }
        }
    }
}
