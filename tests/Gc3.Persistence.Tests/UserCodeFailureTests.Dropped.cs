namespace Gc3.Persistence.Tests;

/// <summary>
/// A load of a record holding members its class lacks encodes the loaded object once, before the load hooks run, to
/// remember its fingerprint: a getter that throws then (one that needs its hook to have run) does not fail the load.
/// Before, its bare exception came out of Load, after the graph was in the identity map with no hook run.
/// </summary>
public sealed partial class UserCodeFailureTests
{
    [Fact]
    public void A_getter_that_throws_before_the_load_hook_ran_does_not_fail_a_load_of_a_record_with_dropped_members()
    {
        Id id;
        using (var writer = new FilesystemStore(_folder.Path))
        {
            id = writer.Save(new Wider { Name = "wide", Extra = 5 });
        }

        // The record as a newer version of Narrower (which had Extra) would have written it.
        var path = Directory.GetFiles(_folder.Path, $"*{id}*", SearchOption.AllDirectories).Single();
        File.WriteAllBytes(path, RecordEditing.WithTag(File.ReadAllBytes(path), "test.narrower"));

        using var store = new FilesystemStore(_folder.Path);
        var loaded = store.Load<Narrower>(id);

        Assert.Equal("wide", loaded.Title); // its hook ran
        Assert.Same(loaded, store.Load(id));
        loaded.Title = "narrow";
        store.Save(loaded); // written without Extra, as the docs say of a record with dropped members
        using var fresh = new FilesystemStore(_folder.Path);
        Assert.Equal("narrow", fresh.Load<Narrower>(id).Title);
    }

    [Persistable("test.wider")]
    public partial class Wider
    {
        public partial string Name { get; set; }

        public partial int Extra { get; set; }
    }

    [Persistable("test.narrower")]
    public partial class Narrower
    {
        private bool _hooked;

        // A loaded value is readable once the load hook ran, as with a getter that relies on state its hook sets.
        [PersistName("Name")]
        public string Title
        {
            get => _hooked || field.Length == 0 ? field : throw new NotSupportedException("read before the load hook ran");
            set;
        } = "";

        partial void OnPersistenceLoaded() => _hooked = true;
    }
}
