using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Tests;

/// <summary>Loading a record as a class it is not: the error names both types and the load that works.</summary>
public sealed class WrongTypeLoadTests : TemporaryDirectoryTests
{
    public WrongTypeLoadTests()
        : base("wrong-type")
    {
    }

    [Fact]
    public void Load_of_the_wrong_class_names_both_and_the_way_to_load_it()
    {
        using var store = new FilesystemStore(Folder.Path);
        var id = store.Save(Samples.Executable());

        var error = Assert.Throws<LoadException>(() => store.Load<Job>(id));

        Assert.Equal(id, error.Id);
        Assert.Contains(
            $"the record holds an object of type {typeof(Executable).FullName}, not of type {typeof(Job).FullName} nor of one deriving from it: load it as Executable, or with Load(id)",
            error.Message,
            StringComparison.Ordinal);
    }
}
