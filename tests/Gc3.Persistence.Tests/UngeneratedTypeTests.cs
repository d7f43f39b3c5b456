namespace Gc3.Persistence.Tests;

/// <summary>
/// A class marked [Persistable] in an assembly the generator did not run on (a library that references the
/// runtime without its analyzers): saving one says that, not "mark it [Persistable]", which it already is.
/// </summary>
public sealed partial class UngeneratedTypeTests : TemporaryDirectoryTests
{
    public UngeneratedTypeTests()
        : base("ungenerated")
    {
    }

    [Fact]
    public void Saving_a_marked_class_without_a_serializer_names_the_generator_and_the_assembly()
    {
        using var store = new FilesystemStore(Folder.Path);

        var error = Assert.Throws<ArgumentException>(() => store.Save(new Ungenerated()));

        Assert.Contains($"{typeof(Ungenerated).FullName} is marked [Persistable], but the Gc3.Persistence generator did not run on its assembly 'Gc3.Persistence.Tests'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not ExcludeAssets=\"analyzers\"", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("mark it [Persistable]", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Count());
    }

    // Not partial: the generator skips it, as it skips every type of an assembly it does not run on.
#pragma warning disable GC3P001 // the mistake under test
    [Persistable("test.ungenerated")]
    private sealed class Ungenerated;
#pragma warning restore GC3P001
}
