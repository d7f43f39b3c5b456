using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Tests.Schemas;

/// <summary>
/// Stored schema documents forged by whoever can write the store: small documents whose types refer to each
/// other twice per level (a type graph that unfolds into 2^depth paths) and structs that would be larger than
/// any record. Reading a record by them (a load that resolves it, <c>gc3p show</c>) is answered at once: each
/// type is looked at once, not once per path, and a struct larger than a record is refused when the document is
/// parsed.
/// </summary>
public sealed class HostileSchemaTests() : TemporaryDirectoryTests("hostile-schemas")
{
    private const int Depth = 60;

    // Before each type was looked at once, these documents took 2^60 steps: a load or a gc3p show never returned.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_record_of_classes_that_double_at_each_level_decodes_at_once()
    {
        var document = TestSchemas.Document("t", "T", "T", [("P", "object<C0>")], Doubling("C", Depth, isStruct: false));
        byte[] body = [1, 0, 0, 0, .. KeyOf("P"), 3, 0, 0, 0, 2, 255, 255]; // one member: a C0 with both members null

        var json = WithinPatience(() => Json(writer => RecordJson.WriteBody(writer, SchemaDocument.Parse(document), body)));

        Assert.Equal("{\"P\":{\"A\":null,\"B\":null}}", json);
    }

    [Fact]
    public void A_struct_that_doubles_at_each_level_is_refused_when_its_document_is_parsed()
    {
        var document = TestSchemas.Document("t", "T", "T", [("P", "object<S0>")], Doubling("S", Depth, isStruct: true));

        var error = WithinPatience(() => Assert.Throws<FormatException>(() => SchemaDocument.Parse(document)));

        Assert.Contains("the struct 'S", error.Message, StringComparison.Ordinal);
        Assert.Contains("larger than any record", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_struct_of_half_a_gigabyte_is_measured_at_once_and_its_value_does_not_fit_a_record()
    {
        // 2^27 int32 leaves: 512 MiB, within what a document may describe, but no record holds such a value.
        var document = TestSchemas.Document("t", "T", "T", [("P", "object<S0>")], Doubling("S", 27, isStruct: true));
        byte[] body = [1, 0, 0, 0, .. KeyOf("P"), 4, 0, 0, 0, 1, 2, 3, 4];

        var error = WithinPatience(() => Assert.Throws<LoadException>(() => Json(writer => RecordJson.WriteBody(writer, SchemaDocument.Parse(document), body))));

        Assert.Contains("member 'P'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_load_resolving_a_record_whose_writer_schema_removed_a_doubling_member_loads_it_at_once()
    {
        // The writer's Branch had a member (a C0) the reader's has not: resolution checks that its bytes can be skipped.
        var orchard = Serializer<Orchard>();
        var forged = orchard.SchemaDocument
            .Replace("\"members\":[[\"Label\",\"string\"]", "\"members\":[[\"Extra\",\"object<C0>\"],[\"Label\",\"string\"]", StringComparison.Ordinal)
            .Replace("\"types\":{", "\"types\":{" + Doubling("C", Depth, isStruct: false) + ",", StringComparison.Ordinal);
        Assert.NotEqual(orchard.SchemaDocument, forged);
        var id = SaveWithWriterSchema(new Orchard { Name = "forged schema" }, orchard, forged);

        var loaded = WithinPatience(() => LoadFresh<Orchard>(id));

        Assert.Equal("forged schema", loaded.Name);
    }

    [Fact]
    public void A_load_resolving_a_record_whose_writer_schema_declares_a_huge_struct_is_refused_at_once()
    {
        // ExitCode (int?) written, says the forged schema, as a struct of 512 MiB: no rule converts it, and saying so takes no time.
        var job = Serializer<Job>();
        var forged = job.SchemaDocument
            .Replace("\"shape\":\"nullable<int32>\"", "\"shape\":\"object<S0>\"", StringComparison.Ordinal)
            .Replace("\"types\":{", "\"types\":{" + Doubling("S", 27, isStruct: true) + ",", StringComparison.Ordinal);
        Assert.NotEqual(job.SchemaDocument, forged);
        var id = SaveWithWriterSchema(new Job { Name = "forged schema" }, job, forged);

        var error = WithinPatience(() => Assert.Throws<LoadException>(() => LoadFresh<Job>(id)));

        Assert.Contains("ExitCode", error.Message, StringComparison.Ordinal);
        Assert.Contains("object<S0>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_whose_forged_writer_schema_retypes_any_member_as_any_shape_loads_or_is_a_load_exception()
    {
        // Each member of a saved Job, claimed by a forged writer schema to be of each of these shapes: the
        // resolution rules convert the real bytes, or refuse, but nothing else may escape a load, nor gc3p's decoding.
        string[] shapes =
        [
            "string", "bool", "byte", "int16", "int32", "int64", "uint64", "int128", "float16", "float32", "float64", "decimal",
            "char", "datetime", "datetimeoffset", "timespan", "guid", "biginteger", "uri", "nullable<int32>", "nullable<int64>",
            "nullable<object<P>>", "enum<E>", "nullable<enum<E>>", "list<int32>", "list<string>", "array<byte>", "set<int64>",
            "dict<string,int32>", "dict<int32,string>", "dict<enum<E>,list<object<C>>>", "object<P>", "object<C>", "list<object<C>>",
            "ref<test.job>", "opaque<Z>", "list<opaque<Z>>",
        ];
        const string Types = "\"E\":{\"enum\":\"int32\",\"values\":[[\"New\",0],[\"Other\",7]]},"
            + "\"P\":{\"object\":\"default\",\"members\":[[\"X\",\"int32\"],[\"Y\",\"int64\"]],\"struct\":true},"
            + "\"C\":{\"object\":\"default\",\"members\":[[\"Name\",\"string\"],[\"Next\",\"object<C>\"],[\"Tags\",\"list<string>\"]]}";
        var job = Serializer<Job>();
        var reader = SchemaDocument.Parse(job.SchemaDocument);
        var id = SaveWithWriterSchema(new Job { Name = "retyped", ExitCode = 3, Arguments = ["a", "b"], Environment = new() { ["k"] = "v" } }, job, job.SchemaDocument);
        var path = Folder.Combine(id.ToString());
        var record = File.ReadAllBytes(path);
        var (loaded, refused) = (0, 0);
        foreach (var member in reader.Members)
        {
            foreach (var shape in shapes)
            {
                var forged = job.SchemaDocument
                    .Replace($"\"key\":{member.Key},\"shape\":\"{member.Shape.ToString().Replace("\"", "\\\"", StringComparison.Ordinal)}\"", $"\"key\":{member.Key},\"shape\":\"{shape}\"", StringComparison.Ordinal)
                    .Replace("\"types\":{", "\"types\":{" + Types + ",", StringComparison.Ordinal);
                Assert.Contains($"\"shape\":\"{shape}\"", forged, StringComparison.Ordinal);
                var hash = StoredSchema.HashOf(forged);
                using var store = new FilesystemStore(Folder.Path);
                await ((ISchemaStore)store).WriteSchemasAsync([new StoredSchema(hash, job.Tag, forged)]);
                File.WriteAllBytes(path, RecordEditing.WithSchemaHash(record, hash));
                try
                {
                    store.Load<Job>(id);
                    loaded++;
                }
                catch (LoadException)
                {
                    refused++;
                }
                catch (Exception e)
                {
                    Assert.Fail($"{member.Name} forged as {shape}: {e}");
                }

                // gc3p show decodes the record by the forged schema alone.
                try
                {
                    Json(writer => RecordJson.WriteRecord(writer, SchemaDocument.Parse(forged), File.ReadAllBytes(path), id));
                }
                catch (LoadException)
                {
                }
                catch (Exception e)
                {
                    Assert.Fail($"{member.Name} forged as {shape}, decoded by the schema alone: {e}");
                }
            }
        }

        Assert.Equal(reader.Members.Count * shapes.Length, loaded + refused);
        Assert.True(refused > 0 && loaded > 0, $"{loaded} loaded, {refused} refused");
    }

    // Types P0 .. P{depth}: each Pi has two members of type Pi+1, the last an int32: 2^depth paths through depth + 1 types.
    private static string Doubling(string prefix, int depth, bool isStruct)
    {
        var types = new List<string>();
        for (var i = 0; i < depth; i++)
        {
            types.Add($"\"{prefix}{i}\":{{\"object\":\"default\",\"members\":[[\"A\",\"object<{prefix}{i + 1}>\"],[\"B\",\"object<{prefix}{i + 1}>\"]]{(isStruct ? ",\"struct\":true" : "")}}}");
        }

        types.Add($"\"{prefix}{depth}\":{{\"object\":\"default\",\"members\":[[\"X\",\"int32\"]]{(isStruct ? ",\"struct\":true" : "")}}}");
        return string.Join(',', types);
    }

    private static byte[] KeyOf(string member) => BitConverter.GetBytes(TestSchemas.Key(member));

    private static PersistableSerializer Serializer<T>()
        => PersistableRegistry.TryGet(typeof(T), out var serializer) ? serializer : throw new InvalidOperationException(typeof(T).Name);

    // Saves obj, then makes its record name the forged schema, which the store keeps as a writer's would be.
    private Id SaveWithWriterSchema(object obj, PersistableSerializer serializer, string forged)
    {
        using var store = new FilesystemStore(Folder.Path);
        var id = store.Save(obj);
        var hash = StoredSchema.HashOf(forged);
        ((ISchemaStore)store).WriteSchemasAsync([new StoredSchema(hash, serializer.Tag, forged)]).GetAwaiter().GetResult();
        var path = store.PathOf(id);
        File.WriteAllBytes(path, RecordEditing.WithSchemaHash(File.ReadAllBytes(path), hash));
        return id;
    }

    private T LoadFresh<T>(Id id)
        where T : class
    {
        using var store = new FilesystemStore(Folder.Path);
        return store.Load<T>(id);
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    // What work returns, failing the test if it takes longer than any machine needs (the work's thread is left behind).
    private static T WithinPatience<T>(Func<T> work)
    {
        var run = Task.Factory.StartNew(work, TaskCreationOptions.LongRunning);
        if (!run.Wait(Patience))
        {
            Assert.Fail($"Still working after {Patience.TotalSeconds} s: the document made the work grow with the paths through its types.");
        }

        return run.GetAwaiter().GetResult();
    }
}
