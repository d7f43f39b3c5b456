namespace Gc3.Persistence.Sql.Tests.Members;

/// <summary>Issue 13 §3: records and primary constructors, against real stores.</summary>
public sealed class RecordTests() : TemporaryDirectoryTests("records")
{
    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public void A_with_copy_is_a_new_object_with_its_own_id(string kind)
    {
        var original = new Entry { Name = "first", Size = 1 };
        Id originalId;
        Id copyId;
        using (var store = StoreKinds.Open(kind, Folder))
        {
            originalId = store.Save(original);
            var copy = original with { Size = 2 };
            Assert.Null(copy.PersistentId);
            Assert.True(copy.Changed);
            copyId = store.Save(copy);
            Assert.Equal(originalId, original.PersistentId);
            Assert.Equal(copyId, copy.PersistentId);
        }

        Assert.NotEqual(originalId, copyId);
        using var reopened = StoreKinds.Open(kind, Folder);
        Assert.Equal(1, reopened.Load<Entry>(originalId).Size); // not overwritten by the copy
        Assert.Equal(2, reopened.Load<Entry>(copyId).Size);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public void The_generated_id_and_changed_flag_take_no_part_in_equality_hash_or_ToString(string kind)
    {
        var saved = new Entry { Name = "same", Size = 3 };
        var unsaved = new Entry { Name = "same", Size = 3 };
        using var store = StoreKinds.Open(kind, Folder);
        store.Save(saved);
        unsaved.Changed = true;

        Assert.NotNull(saved.PersistentId);
        Assert.Equal(saved, unsaved);
        Assert.Equal(saved.GetHashCode(), unsaved.GetHashCode());
        Assert.Equal("Entry { Name = same, Size = 3 }", saved.ToString());
        Assert.Equal(unsaved.ToString(), saved.ToString());
        Assert.NotEqual(saved, unsaved with { Size = 4 });
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public void A_positional_record_loads_through_no_constructor_of_the_users(string kind)
    {
        var note = new Note("title", 5) { Tags = ["a", "b"] };
        Id id;
        using (var store = StoreKinds.Open(kind, Folder))
        {
            id = store.Save(note);
        }

        using var reopened = StoreKinds.Open(kind, Folder);
        var loaded = reopened.Load<Note>(id);

        Assert.NotSame(note, loaded);
        Assert.Equal("title", loaded.Title);
        Assert.Equal(5, loaded.Priority);
        Assert.Equal(["a", "b"], loaded.Tags);
        Assert.Equal(id, loaded.PersistentId);
        Assert.Equal("Note { Title = title, Priority = 5, Tags = System.Collections.Generic.List`1[System.String] }", loaded.ToString());
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public void A_class_with_a_primary_constructor_loads_with_its_state(string kind)
    {
        var account = new Account("ada", 10m);
        account.Move(-3m);
        Id id;
        using (var store = StoreKinds.Open(kind, Folder))
        {
            id = store.Save(account);
        }

        using var reopened = StoreKinds.Open(kind, Folder);
        var loaded = reopened.Load<Account>(id);

        Assert.Equal("ada", loaded.Owner);
        Assert.Equal(7m, loaded.Balance);
    }
}
