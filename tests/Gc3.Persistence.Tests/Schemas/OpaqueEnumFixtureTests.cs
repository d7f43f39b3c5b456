namespace Gc3.Persistence.Tests.Schemas;

/// <summary>
/// Real records of an older version holding enums inside unmanaged structs (<c>Records/schema-v1-opaque/files</c>,
/// written by <c>tests/Gc3.Persistence.SchemaFixtures.V1 ... opaque</c>): MemoryPack stores such an enum by number,
/// so a record whose enum was renumbered since must fail naming the record, member, struct, enum and the way out,
/// never load as other members; one whose enum only grew at its end loads.
/// </summary>
public sealed class OpaqueEnumFixtureTests() : FixtureRecordsTests("schema-v1-opaque")
{
    [Fact]
    public void An_enum_renumbered_inside_an_unmanaged_struct_fails_and_one_appended_to_loads()
    {
        using var store = new FilesystemStore(Folder.Path);

        EvolvedFixtures.AssertOpaque(store);
    }

    [Fact]
    public void A_record_whose_schema_predates_the_opaque_table_loads_as_before()
    {
        // The schema as the generator wrote it before documents listed the enums inside opaque types: no
        // "opaque" table, and MarkState (reached only through the struct) not described.
        var path = Folder.Combine("RenumberedLog.1");
        var record = File.ReadAllBytes(path);
        var hash = RecordEditing.SchemaHashOf(record);
        var document = File.ReadAllText(Folder.Combine(".gc3-schemas", $"{hash:x16}.json"));
        var old = document[..document.IndexOf(",\"opaque\":", StringComparison.Ordinal)] + "}";
        old = old[..old.IndexOf("\"types\":{", StringComparison.Ordinal)] + "\"types\":{}}";
        Assert.Empty(SchemaDocument.Parse(old).OpaqueEnums);
        var oldHash = StoredSchema.HashOf(old);
        File.WriteAllText(Folder.Combine(".gc3-schemas", $"{oldHash:x16}.json"), old);
        File.WriteAllBytes(path, RecordEditing.WithSchemaHash(record, oldHash));

        using var store = new FilesystemStore(Folder.Path);
        var log = store.Load<RenumberedLog>(Id.Parse("RenumberedLog.1"));

        // It loads (the plan finds every member the same: no rewriting); its numbers could not be checked, so
        // version 1's Busy (1) reads as version 2's 1, Queued: the limit docs/changing-your-classes.md states.
        Assert.Equal([new Mark(MarkState.Queued, 10), new Mark(MarkState.Busy, 20)], log.Marks);
    }
}
