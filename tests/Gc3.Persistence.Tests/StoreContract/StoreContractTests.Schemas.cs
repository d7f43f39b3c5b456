using Gc3.Persistence.Records;
using Gc3.Persistence.Schemas;
using Gc3.Persistence.Serialization;
using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Tests.StoreContract;

/// <summary>Issue 15 §2: every store keeps the writer schema of each type it saved, once, and its records name it.</summary>
public abstract partial class StoreContractTests
{
    /// <summary>The bytes of the record stored under <paramref name="id"/>, read past the store (its file, its row).</summary>
    protected abstract byte[] RecordBytes(Id id);

    [Fact]
    public async Task A_save_keeps_the_schema_of_each_saved_type_once()
    {
        var job = SerializerOf<Job>();
        var executable = SerializerOf<Executable>();
        Assert.NotEqual(0UL, job.SchemaHash);

        // A graph (a job and its executable), then the same types again, from this store and from a fresh one.
        var store = Open();
        store.Save(Samples.Job("first"));
        store.Save(Samples.Job("second"));
        await Open().SaveAsync(Samples.Job("third"));
        Open().Save(Samples.Executable("/bin/alone"));

        var schemas = await ((ISchemaStore)Open()).ReadSchemasAsync();

        Assert.Equal(new[] { job.SchemaHash, executable.SchemaHash }.Order(), schemas.Select(s => s.Hash));
        var jobSchema = schemas.Single(s => s.Hash == job.SchemaHash);
        Assert.Equal(job.Tag, jobSchema.Tag);
        Assert.Equal(job.SchemaDocument, jobSchema.Document);
        Assert.Equal(StoredSchema.HashOf(jobSchema.Document), jobSchema.Hash);
        Assert.Equal(executable.SchemaDocument, schemas.Single(s => s.Hash == executable.SchemaHash).Document);
    }

    [Fact]
    public void Records_carry_the_hash_of_the_schema_that_wrote_them()
    {
        var store = Open();
        var job = Samples.Job("hashed");
        var id = store.Save(job);

        Assert.Equal(id, RecordFormat.ReadId(id, RecordBytes(id), out var jobHash));
        Assert.Equal(SerializerOf<Job>().SchemaHash, jobHash);
        var executableId = job.Executable!.PersistentId!;
        RecordFormat.ReadId(executableId, RecordBytes(executableId), out var executableHash);
        Assert.Equal(SerializerOf<Executable>().SchemaHash, executableHash);
    }

    [Fact]
    public async Task Schemas_written_outside_a_save_are_kept_once_and_checked()
    {
        const string document = "{\"format\":1,\"tag\":\"elsewhere\",\"idPrefix\":\"E\",\"type\":\"Other.Type\",\"members\":[],\"types\":{}}";
        var schema = new StoredSchema(StoredSchema.HashOf(document), "elsewhere", document);
        var store = (ISchemaStore)Open();
        await store.WriteSchemasAsync([schema, schema]);
        await ((ISchemaStore)Open()).WriteSchemasAsync([schema]);

        Assert.Equal([schema], await ((ISchemaStore)Open()).ReadSchemasAsync());
        var wrong = schema with { Hash = schema.Hash + 1 };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.WriteSchemasAsync([wrong]));
        Assert.Contains("elsewhere", error.Message, StringComparison.Ordinal);
    }

    private static PersistableSerializer SerializerOf<T>()
        => PersistableRegistry.TryGet(typeof(T), out var serializer) ? serializer : throw new InvalidOperationException($"{typeof(T)} is not registered");
}
