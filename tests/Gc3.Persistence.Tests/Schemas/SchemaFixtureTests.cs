using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Tests.Schemas;

/// <summary>
/// Real records of an older version: <c>Records/schema-v1/files</c>, written (with their stored schemas)
/// by version 1 of the evolution types (<c>tests/Gc3.Persistence.SchemaFixtures.V1</c>), loaded by
/// version 2 (<see cref="EvolvedJob"/> and the <c>Broken*</c> types of the test model): every resolution
/// rule of issue 15 §3, the enum-insertion case, and each unresolvable case's error.
/// </summary>
public sealed class SchemaFixtureTests() : FixtureRecordsTests("schema-v1")
{
    [Fact]
    public void Version_1_records_load_into_version_2_by_every_resolution_rule()
    {
        using var store = new FilesystemStore(Folder.Path);

        var first = store.Load<EvolvedJob>(Id.Parse("EvolvedJob.1"));

        EvolvedFixtures.AssertFirst(first);
        EvolvedFixtures.AssertSecond(first.Next!);
        Assert.Same(first.Next, store.Load<EvolvedJob>(Id.Parse("EvolvedJob.2")));
    }

    [Fact]
    public void An_enum_member_inserted_before_a_stored_one_does_not_remap_it()
    {
        using var store = new FilesystemStore(Folder.Path);

        var job = store.Load<EvolvedJob>(Id.Parse("EvolvedJob.1"));

        Assert.Equal(EvolvedState.Submitted, job.State); // stored as 1, which is Queued now
        Assert.Equal([EvolvedState.New, EvolvedState.Submitted, EvolvedState.Running], job.History);
    }

    [Fact]
    public void Unresolvable_records_fail_naming_the_record_type_member_shapes_and_way_out()
    {
        using var store = new FilesystemStore(Folder.Path);

        EvolvedFixtures.AssertUnresolvable(store);
    }

    [Fact]
    public void An_enum_name_loaded_as_the_unknown_member_is_kept_by_a_save_that_only_reaches_it_and_named_by_one_that_writes_it()
    {
        var log = new CapturingLoggerFactory(LogLevel.Warning);
        var second = Folder.Combine("EvolvedJob.2");
        var stored = File.ReadAllBytes(second);
        using (var store = new FilesystemStore(Folder.Path, new StoreOptions { LoggerFactory = log }))
        {
            var first = store.Load<EvolvedJob>(Id.Parse("EvolvedJob.1"));
            Assert.Equal(EvolvedColor.Unknown, first.Next!.Color); // stored as Purple, which version 2 lost
            first.Added = 9;
            store.Save(first); // reaches EvolvedJob.2, unchanged
        }

        Assert.Equal(stored, File.ReadAllBytes(second)); // its record still holds Purple
        Assert.DoesNotContain(log.Entries, e => e.Message.Contains("EvolvedJob.2", StringComparison.Ordinal));

        using (var store = new FilesystemStore(Folder.Path, new StoreOptions { LoggerFactory = log }))
        {
            var job = store.Load<EvolvedJob>(Id.Parse("EvolvedJob.2"));
            job.Added = 10;
            store.Save(job);
        }

        // Written, it holds Unknown now, and the warning says which name it lost.
        Assert.NotEqual(stored, File.ReadAllBytes(second));
        var warning = Assert.Single(log.Entries, e => e.Message.StartsWith("Saved EvolvedJob.2 ", StringComparison.Ordinal));
        Assert.Contains("'Gc3.Persistence.TestModel.EvolvedColor.Purple, loaded as Unknown (in Color)'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("no such members or enum names", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resolved_record_saved_again_is_written_with_the_new_schema()
    {
        using (var store = new FilesystemStore(Folder.Path))
        {
            var job = store.Load<EvolvedJob>(Id.Parse("EvolvedJob.2"));
            job.Added = 8;
            store.Save(job);
        }

        var record = File.ReadAllBytes(Folder.Combine("EvolvedJob.2"));
        Assert.True(Gc3.Persistence.Serialization.PersistableRegistry.TryGet(typeof(EvolvedJob), out var serializer));
        Assert.Equal(serializer.SchemaHash, RecordEditing.SchemaHashOf(record));
        using var reopened = new FilesystemStore(Folder.Path);
        var reloaded = reopened.Load<EvolvedJob>(Id.Parse("EvolvedJob.2"));
        Assert.Equal((8, EvolvedColor.Unknown, uint.MaxValue), (reloaded.Added, reloaded.Color, reloaded.Size));
    }

    [Fact]
    public void A_record_of_a_schema_the_store_lost_or_of_no_schema_fails_naming_the_member()
    {
        // Schema hash 0: as written before stores kept schemas.
        var path = Folder.Combine("EvolvedJob.2");
        var record = File.ReadAllBytes(path);
        var hash = RecordEditing.SchemaHashOf(record);
        File.WriteAllBytes(path, RecordEditing.WithSchemaHash(record, 0));
        using (var store = new FilesystemStore(Folder.Path))
        {
            var e = Assert.Throws<LoadException>(() => store.Load<EvolvedJob>(Id.Parse("EvolvedJob.2")));
            Assert.Contains("the member 'Count' of Gc3.Persistence.TestModel.EvolvedJob (declared int64) does not read from the bytes the record holds", e.Message, StringComparison.Ordinal);
            Assert.Contains("before the store kept schemas", e.Message, StringComparison.Ordinal);
            Assert.Contains("[PersistName(\"Count\")]", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("3790059668", e.Message, StringComparison.Ordinal);
        }

        // The hash back, but the store lost the schema file.
        File.WriteAllBytes(path, RecordEditing.WithSchemaHash(record, hash));
        File.Delete(Folder.Combine(".gc3-schemas", $"{hash:x16}.json"));
        using var reopened = new FilesystemStore(Folder.Path);
        var lost = Assert.Throws<LoadException>(() => reopened.Load<EvolvedJob>(Id.Parse("EvolvedJob.2")));
        Assert.Contains($"written with the schema {hash:x16}, which the store does not hold", lost.Message, StringComparison.Ordinal);
    }
}
