namespace Gc3.Persistence.Sql.Tests.Members;

/// <summary>
/// A member declared as a collection interface keeps its elements in their order, and loads as the collection
/// MemoryPack makes for the interface, whatever collection it held (what-is-persisted.md says which).
/// </summary>
public sealed class InterfaceMemberTests() : TemporaryDirectoryTests("interfaces")
{
    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public void An_interface_member_loads_its_elements_into_the_collection_made_for_the_interface(string kind)
    {
        Id id;
        using (var store = StoreKinds.Open(kind, Folder))
        {
            id = store.Save(new Interfaces());
        }

        using var reopened = StoreKinds.Open(kind, Folder);
        var loaded = reopened.Load<Interfaces>(id);

        Assert.Equal([1, 3], Assert.IsType<int[]>(loaded.Enumerable));
        Assert.Equal([3, 1], Assert.IsType<List<int>>(loaded.List));
        Assert.Equal([3, 1], Assert.IsType<List<int>>(loaded.ReadOnlyCollection));
        var set = Assert.IsType<HashSet<int>>(loaded.Set); // a SortedSet before the save: no longer sorted
        Assert.Equal([1, 3], set.Order());
        var dictionary = Assert.IsType<Dictionary<string, int>>(loaded.Dictionary);
        Assert.Equal([KeyValuePair.Create("a", 2), KeyValuePair.Create("b", 1)], dictionary);
    }
}
