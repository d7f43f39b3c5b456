namespace Gc3.Persistence.Tests;

/// <summary>
/// A setter of the application's that refuses a value while a load fills an object (a setter that validates): the error
/// names the record and says the application's code threw, with its exception inside. Before, an ArgumentException was
/// told as a corrupt record, with advice about a changed member type, and any other exception came out bare, naming no record.
/// </summary>
public sealed partial class UserCodeFailureTests
{
    [Theory]
    [InlineData(typeof(ArgumentException))]
    [InlineData(typeof(NotSupportedException))]
    public void A_setter_that_refuses_a_value_during_a_load_is_named_and_the_record_is_not_called_corrupt(Type refusal)
    {
        using var store = new FilesystemStore(_folder.Path);
        var id = store.Save(new Picky { Level = 3 });
        store.InvalidateCache();

        Picky.Refuse = (Exception)Activator.CreateInstance(refusal, "level refused")!;
        var e = Assert.Throws<LoadException>(() => store.Load(id));
        Picky.Refuse = null;

        Assert.Equal(id, e.Id);
        Assert.Contains($"reading its members threw {refusal.Name} (level refused", e.Message, StringComparison.Ordinal);
        Assert.Contains($"the record's bytes are whole and decode with the schema of {typeof(Picky).FullName}", e.Message, StringComparison.Ordinal);
        Assert.Contains("a setter of its members", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("corrupt", e.Message, StringComparison.Ordinal);
        Assert.IsType(refusal, e.InnerException);

        // Nothing of the failed load was kept: loaded again, the record reads whole.
        Assert.Equal(3, store.Load<Picky>(id).Level);
    }

    [Persistable]
    public partial class Picky
    {
        public static Exception? Refuse { get; set; }

        // A plain property whose setter validates: the application's code, run by a load.
        public int Level
        {
            get;
            set => field = Refuse is { } refusal ? throw refusal : value;
        }
    }
}
