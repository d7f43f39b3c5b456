using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Tests;

/// <summary>
/// An object that cannot be saved, reached from the one being saved (a subclass nobody marked [Persistable], the
/// GC3P015 warning ignored): the error names the object that refers to it, so the user can find the member.
/// </summary>
public sealed class UnsavableReferenceTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new("unsavable");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_error_names_the_object_that_refers_to_it_and_nothing_is_saved()
    {
        using var store = new FilesystemStore(_folder.Path);
        var step = new Step { Name = "head", Next = new Step { Name = "tail", Job = new UnregisteredJob() } };

        var error = Assert.Throws<ArgumentException>(() => store.Save(step));

        Assert.Contains($"{typeof(UnregisteredJob).FullName} is not a registered persistable type", error.Message, StringComparison.Ordinal);
        Assert.Contains($"The {typeof(Step).FullName} being saved as 'Step.", error.Message, StringComparison.Ordinal);
        Assert.Contains("refers to it; nothing was saved.", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Count());
        Assert.Null(step.PersistentId);
    }

    [Fact]
    public void A_root_that_cannot_be_saved_is_named_alone()
    {
        using var store = new FilesystemStore(_folder.Path);

        var error = Assert.Throws<ArgumentException>(() => store.Save(new UnregisteredJob()));

        Assert.DoesNotContain("being saved as", error.Message, StringComparison.Ordinal);
        Assert.Equal("obj", error.ParamName);
    }

#pragma warning disable GC3P015 // the mistake under test
    private sealed class UnregisteredJob : Job;
#pragma warning restore GC3P015
}
