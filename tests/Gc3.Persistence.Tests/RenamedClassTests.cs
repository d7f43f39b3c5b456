namespace Gc3.Persistence.Tests;

/// <summary>
/// A class saved without a tag of its own, then renamed: its records name a tag no type carries. The
/// <see cref="LoadException"/> says how to get them back (the old tag on the renamed class), not only what is wrong.
/// </summary>
public sealed class RenamedClassTests : TemporaryDirectoryTests
{
    public RenamedClassTests()
        : base("renamed-class")
    {
    }

    [Fact]
    public void An_unknown_tag_shows_the_attribute_that_loads_the_records_again()
    {
        using var store = new FilesystemStore(Folder.Path);
        var id = store.Save(Samples.Job("renamed"));
        var path = store.PathOf(id);
        File.WriteAllBytes(path, RecordEditing.WithTag(File.ReadAllBytes(path), "MyApp.Jobs.OldJob"));
        store.InvalidateCache();

        var error = Assert.Throws<LoadException>(() => store.Load(id));

        Assert.Contains("its type tag 'MyApp.Jobs.OldJob' is not registered", error.Message, StringComparison.Ordinal);
        Assert.Contains("if a newer version of the application wrote the record, update this one", error.Message, StringComparison.Ordinal);
        Assert.Contains("If its class was renamed or moved, give it this tag back: [Persistable(\"MyApp.Jobs.OldJob\")]", error.Message, StringComparison.Ordinal);
    }
}
