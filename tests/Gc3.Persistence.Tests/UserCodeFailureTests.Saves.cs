namespace Gc3.Persistence.Tests;

/// <summary>
/// The application's own code throws in the middle of a save (a getter of a [Persistable] member, or of a
/// [MemoryPackable] value a member holds): the error names the record being encoded, ID and type, as a load's
/// does, with the getter's exception inside, and nothing is saved.
/// </summary>
public sealed partial class UserCodeFailureTests
{
    [Fact]
    public void A_getter_that_throws_during_a_save_is_named_with_the_record_and_nothing_is_saved()
    {
        using var store = new FilesystemStore(_folder.Path);
        var holder = new Guarded { Name = "holder", Child = new Guarded { Name = "child" } };
        var holderId = store.Save(holder);
        var child = holder.Child;
        var childId = child.PersistentId!;

        child.Name = "changed"; // a plain property: the save encodes the child, as it cannot see whether it changed
        child.Refuse = true;
        var e = Assert.Throws<InvalidOperationException>(() => store.Save(holder));
        child.Refuse = false;

        Assert.Contains($"'{childId}' ({typeof(Guarded).FullName})", e.Message, StringComparison.Ordinal);
        Assert.Contains("NotSupportedException: getter refused", e.Message, StringComparison.Ordinal);
        Assert.IsType<NotSupportedException>(e.InnerException);
        using (var fresh = new FilesystemStore(_folder.Path))
        {
            Assert.Equal("child", fresh.Load<Guarded>(childId).Name);
        }

        Assert.Equal(holderId, store.Save(holder));
        using var after = new FilesystemStore(_folder.Path);
        Assert.Equal("changed", after.Load<Guarded>(holderId).Child!.Name);
    }

    [Fact]
    public void A_getter_of_a_MemoryPackable_value_that_throws_during_a_save_is_named_with_the_record()
    {
        using var store = new FilesystemStore(_folder.Path);
        var holder = new Guarded { Name = "holder", Value = new GuardedValue { Text = "kept" } };
        var id = store.Save(holder);

        holder.Value = new GuardedValue { Text = "new", Refuse = true };
        var e = Assert.Throws<InvalidOperationException>(() => store.Save(holder));

        Assert.Contains($"'{id}' ({typeof(Guarded).FullName})", e.Message, StringComparison.Ordinal);
        Assert.Contains("NotSupportedException: value getter refused", e.Message, StringComparison.Ordinal);
        Assert.IsType<NotSupportedException>(e.InnerException);
        using var fresh = new FilesystemStore(_folder.Path);
        Assert.Equal("kept", fresh.Load<Guarded>(id).Value!.Text);
    }

    [Persistable]
    public partial class Guarded
    {
        [PersistIgnore]
        public bool Refuse { get; set; }

        // A plain property: its getter is the application's code.
        public string Name
        {
            get => Refuse ? throw new NotSupportedException("getter refused") : field;
            set;
        } = "";

        public partial Guarded? Child { get; set; }

        public partial GuardedValue? Value { get; set; }
    }

    [MemoryPackable]
    public partial class GuardedValue
    {
        [MemoryPackIgnore]
        public bool Refuse { get; set; }

        public string Text
        {
            get => Refuse ? throw new NotSupportedException("value getter refused") : field;
            set;
        } = "";
    }
}
