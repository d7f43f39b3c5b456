namespace Gc3.Persistence.Tests;

/// <summary>
/// A record holds a collection's elements, not its comparer: a load gives each member the comparer its class's
/// constructor gives it (before, MemoryPack's default one, so a case-insensitive dictionary loaded case-sensitive),
/// never changes the collection the constructor made, and fails naming the member where elements would merge.
/// </summary>
public sealed class ComparerCollectionTests() : TemporaryDirectoryTests("comparers")
{
    [Fact]
    public void Every_collection_loads_with_the_comparer_its_class_gives_it()
    {
        var saved = new Comparers();
        saved.Counts["Alpha"] = 1;
        saved.Tags.Add("Red");
        saved.Sorted.Add("B");
        saved.Sorted.Add("a");
        saved.SortedCounts["B"] = 2;
        saved.SortedCounts["a"] = 1;
        saved.Listed["b"] = "2";
        saved.Listed["A"] = "1";
        saved.Shared["Beta"] = 2;
        saved.Frozen = saved.Frozen.Add("Gamma", 3);
        saved.FrozenTags = saved.FrozenTags.Add("Blue");
        saved.FromShared = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Kept" };
        saved.Plain["Case"] = 3;
        using var store = new FilesystemStore(Folder.Path);
        var id = store.Save(saved);

        using var fresh = new FilesystemStore(Folder.Path);
        var loaded = fresh.Load<Comparers>(id);

        Assert.Equal(1, loaded.Counts["ALPHA"]);
        Assert.Contains("red", loaded.Tags);
        Assert.Equal(["a", "B"], loaded.Sorted); // ordered case-insensitively: ordinally, "B" comes first
        Assert.Equal(["a", "B"], loaded.SortedCounts.Keys);
        Assert.Equal(2, loaded.SortedCounts["b"]);
        Assert.Equal("1", loaded.Listed["a"]);
        Assert.Equal(2, loaded.Shared["BETA"]);
        Assert.Equal(3, loaded.Frozen["GAMMA"]); // before, ImmutableDictionary and ImmutableHashSet loaded with the default comparer
        Assert.Contains("BLUE", loaded.FrozenTags);
        Assert.Contains("KEPT", loaded.FromShared);
        Assert.Empty(Comparers.SharedEmpty); // the constructor's shared instance is never filled
        Assert.NotSame(Comparers.SharedEmpty, loaded.FromShared);
        Assert.False(loaded.Plain.ContainsKey("case")); // a default comparer stays the default one
        Assert.Null(loaded.Absent);
    }

    [Fact]
    public void Elements_that_would_merge_under_a_changed_comparer_fail_the_load_naming_the_member()
    {
        var (id, e) = SaveCaseSensitiveThenLoad(saved =>
        {
            saved.Tags.Add("red");
            saved.Tags.Add("RED");
        });

        Assert.Equal(id, e.Id);
        Assert.Contains("the member 'Tags' holds 2 elements, some of them equal under the comparer its class gives it", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("corrupt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_that_would_merge_in_a_dictionary_fail_the_load_naming_the_member()
    {
        var (_, e) = SaveCaseSensitiveThenLoad(saved =>
        {
            saved.Counts["a"] = 1;
            saved.Counts["A"] = 2;
        });

        Assert.Contains("the member 'Counts' holds 2 elements", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Elements_that_would_merge_in_an_immutable_set_or_dictionary_fail_the_load_naming_the_member()
    {
        var (_, set) = SaveCaseSensitiveThenLoad(saved => saved.FrozenTags = saved.FrozenTags.Add("red").Add("RED"));
        var (_, sameValues) = SaveCaseSensitiveThenLoad(saved => saved.Frozen = saved.Frozen.Add("a", 1).Add("A", 1));
        var (_, otherValues) = SaveCaseSensitiveThenLoad(saved => saved.Frozen = saved.Frozen.Add("a", 1).Add("A", 2));

        Assert.Contains("the member 'FrozenTags' holds 2 elements", set.Message, StringComparison.Ordinal);
        Assert.Contains("the member 'Frozen' holds 2 elements", sameValues.Message, StringComparison.Ordinal);
        Assert.Contains("the member 'Frozen' holds 2 elements", otherValues.Message, StringComparison.Ordinal);
    }

    // Saves an object made with case-sensitive comparers and filled by fill, then loads it as the class makes them now
    // (case-insensitive): the load's failure.
    private (Id Id, LoadException Error) SaveCaseSensitiveThenLoad(Action<Comparers> fill)
    {
        Id id;
        try
        {
            Comparers.Keys = StringComparer.Ordinal;
            var saved = new Comparers();
            fill(saved);
            using var store = new FilesystemStore(Folder.Path);
            id = store.Save(saved);
        }
        finally
        {
            Comparers.Keys = StringComparer.OrdinalIgnoreCase;
        }

        using var fresh = new FilesystemStore(Folder.Path);
        return (id, Assert.Throws<LoadException>(() => fresh.Load<Comparers>(id)));
    }
}
