using Gc3.Persistence.Files;
using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Tests.Schemas;

/// <summary>
/// Real records of an older version holding enums inside unmanaged structs (<c>Records/schema-v1-opaque/files</c>,
/// written by <c>tests/Gc3.Persistence.SchemaFixtures.V1 ... opaque</c>): MemoryPack stores such an enum by number,
/// so a record whose enum was renumbered since must fail naming the record, member, struct, enum and the way out,
/// never load as other members; one whose enum only grew at its end loads.
/// </summary>
public sealed class OpaqueEnumFixtureTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("schema-v1-opaque");

    public OpaqueEnumFixtureTests()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Records", "schema-v1-opaque", "files");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = _directory.Combine(Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void An_enum_renumbered_inside_an_unmanaged_struct_fails_and_one_appended_to_loads()
    {
        using var store = new FilesystemStore(_directory.Path);

        AssertLoads(store);
    }

    /// <summary>What the fixture's records do in any store (the SQLite test says the same of its database).</summary>
    private static void AssertLoads(IStore store)
    {
        var e = Assert.Throws<LoadException>(() => store.Load<RenumberedLog>(Id.Parse("RenumberedLog.1")));
        Assert.Contains("'RenumberedLog.1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("the member 'Marks' of Gc3.Persistence.TestModel.RenumberedLog", e.Message, StringComparison.Ordinal);
        Assert.Contains("the enum Gc3.Persistence.TestModel.MarkState inside Gc3.Persistence.TestModel.Mark is stored by number", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Busy' was 1 and is 2 now, 'Done' was 2 and is 3 now", e.Message, StringComparison.Ordinal);
        Assert.Contains("their old numbers explicitly", e.Message, StringComparison.Ordinal);

        var appended = store.Load<AppendedLog>(Id.Parse("AppendedLog.2"));
        Assert.Equal(new Reading(Level.High, 42), appended.Last);
    }
}
