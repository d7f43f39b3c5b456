using Gc3.Persistence.Files;

namespace Gc3.Persistence.Tests.Schemas;

/// <summary>
/// The way out the error of an unconvertible type change names works: a member of the old type under
/// <c>[PersistName("old")]</c> receives the stored values, and the load hook converts them into the changed member.
/// The record is written by <see cref="Before"/> and loaded as each later version (the same record under their tags).
/// </summary>
public sealed partial class TypeChangeWayOutTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new("type-change-way-out");

    [Fact]
    public void A_member_of_the_old_type_under_PersistName_of_the_old_name_receives_the_values_the_error_names()
    {
        var (id, path) = SaveBefore("42");
        var written = File.ReadAllBytes(path);

        // The member's type changed in place: the error names the way out.
        Assert.Contains("was written as string and is declared int32 now", FailsRetyped(path, written, id), StringComparison.Ordinal);

        // That way out, taken.
        File.WriteAllBytes(path, RecordEditing.WithTag(written, "test.way-out.fixed"));
        using (var store = new FilesystemStore(_folder.Path))
        {
            var loaded = store.Load<Fixed>(id);
            Assert.Equal((42, null), (loaded.Number, loaded.OldName));
            store.Save(loaded);
        }

        using (var store = new FilesystemStore(_folder.Path))
        {
            Assert.Equal((42, null), (store.Load<Fixed>(id).Number, store.Load<Fixed>(id).OldName)); // saved with the new member
        }
    }

    [Fact]
    public void The_way_out_works_for_a_record_written_before_stores_kept_schemas_too()
    {
        var (id, path) = SaveBefore("7");
        var unschemed = RecordEditing.WithSchemaHash(File.ReadAllBytes(path), 0); // read as it is, by the loading class

        Assert.Contains("before the store kept schemas", FailsRetyped(path, unschemed, id), StringComparison.Ordinal);

        File.WriteAllBytes(path, RecordEditing.WithTag(unschemed, "test.way-out.fixed"));
        using (var store = new FilesystemStore(_folder.Path))
        {
            Assert.Equal(7, store.Load<Fixed>(id).Number);
        }
    }

    public void Dispose() => _folder.Dispose();

    // Saves a Before holding name; gives its ID and the path of its record.
    private (Id Id, string Path) SaveBefore(string name)
    {
        using var writer = new FilesystemStore(_folder.Path);
        var id = writer.Save(new Before { Name = name });
        return (id, Directory.GetFiles(_folder.Path, id.ToString()).Single());
    }

    // Puts the record at path as Retyped's, whose load fails naming the way out; returns the message.
    private string FailsRetyped(string path, byte[] record, Id id)
    {
        File.WriteAllBytes(path, RecordEditing.WithTag(record, "test.way-out.retyped"));
        using var store = new FilesystemStore(_folder.Path);
        var failed = Assert.Throws<LoadException>(() => store.Load<Retyped>(id));
        Assert.Contains("add a member of the old type with [PersistName(\"Name\")]", failed.Message, StringComparison.Ordinal);
        return failed.Message;
    }

    [Persistable("test.way-out.before")]
    public partial class Before
    {
        public partial string Name { get; set; }
    }

    /// <summary>Name's type changed from string to int: no rule converts it.</summary>
    [Persistable("test.way-out.retyped")]
    public partial class Retyped
    {
        public partial int Name { get; set; }
    }

    /// <summary>The way out: the changed member under a new name, the old values received by a string member keyed as Name.</summary>
    [Persistable("test.way-out.fixed")]
    public partial class Fixed
    {
        [PersistName("Name")]
        public partial string? OldName { get; set; }

        public partial int Number { get; set; }

        partial void OnPersistenceLoaded()
        {
            if (OldName is not null)
            {
                Number = int.Parse(OldName, System.Globalization.CultureInfo.InvariantCulture);
                OldName = null;
            }
        }
    }
}
