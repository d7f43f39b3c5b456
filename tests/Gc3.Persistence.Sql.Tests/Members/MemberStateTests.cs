namespace Gc3.Persistence.Sql.Tests.Members;

/// <summary>Issue 13 §1: every instance field and auto-property is persisted, whatever its accessibility.</summary>
public sealed class MemberStateTests() : TemporaryDirectoryTests("members")
{
    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public void Private_protected_internal_and_read_only_state_comes_back(string kind)
    {
        var stamp = new DateTime(2026, 12, 2, 11, 0, 0, DateTimeKind.Utc);
        var tracker = Tracker.Stamped("label-1", stamp);
        tracker.Add("a");
        tracker.Add("b");
        tracker.Note = "note";
        tracker.Fill(level: 7, cache: "not persisted");
        tracker.Scratch = 42;
        Id id;
        using (var store = StoreKinds.Open(kind, Folder))
        {
            id = store.Save(tracker);
        }

        using var reopened = StoreKinds.Open(kind, Folder);
        var loaded = reopened.Load<Tracker>(id);

        Assert.Equal(["a", "b"], loaded.Items);
        Assert.Equal("label-1", loaded.Label);
        Assert.Equal("note", loaded.Note);
        Assert.Equal(7, loaded.LevelValue);
        Assert.Equal(stamp, loaded.StampValue);
        Assert.Equal("", loaded.Cache ?? ""); // [NonSerialized]: left out
        Assert.Equal(0, loaded.Scratch); // [PersistIgnore]: left out
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public void A_derived_type_keeps_its_own_and_its_bases_private_state(string kind)
    {
        var derived = new DerivedTracker("derived", extra: 5);
        derived.Add("x");
        Id id;
        using (var store = StoreKinds.Open(kind, Folder))
        {
            id = store.Save(derived);
        }

        using var reopened = StoreKinds.Open(kind, Folder);
        var loaded = Assert.IsType<DerivedTracker>(reopened.Load<Tracker>(id));

        Assert.Equal(5, loaded.Extra);
        Assert.Equal(["x"], loaded.Items);
        Assert.Equal("derived", loaded.Label);
    }
}
