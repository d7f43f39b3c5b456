using System.Collections.Immutable;
using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Tests;

/// <summary>Issue 13 §4: immutable collections in partial properties count as change-tracked.</summary>
public sealed class ImmutableMemberTrackingTests() : TemporaryDirectoryTests("immutable-tracking")
{
    [Fact]
    public void Immutable_collections_in_partial_properties_are_tracked_and_saved_when_set()
    {
        var item = new TaggedItem
        {
            Name = "item",
            Tags = ["a"],
            Numbers = [1, 2],
            Labels = ImmutableDictionary<string, string>.Empty.Add("k", "v"),
        };
        Assert.True(((IPersistableBody)item).IsFullyTracked);

        using var store = new FilesystemStore(Folder.Path);
        store.Save(item);
        Assert.False(item.Changed);

        // A new value through the setter is seen: the object is Changed and written by the next save.
        item.Tags = item.Tags.Add("b");
        Assert.True(item.Changed);
        store.Save(item);

        using var other = new FilesystemStore(Folder.Path);
        var loaded = other.Load<TaggedItem>(item.PersistentId!);
        Assert.Equal(new[] { "a", "b" }, loaded.Tags.ToArray());
        Assert.Equal(new[] { 1, 2 }, loaded.Numbers.ToArray());
        Assert.Equal("v", loaded.Labels["k"]);
    }
}
