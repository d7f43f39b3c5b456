namespace Gc3.Persistence.Tests.Schemas;

/// <summary>
/// A reference member whose declared type changed (<c>Resource? Executable</c> became <c>Executable? Executable</c>): the
/// stored reference names an object the member no longer accepts. Planted as the earlier version wrote it: the
/// <see cref="Job"/> record's member holds a reference to a <see cref="Machine"/>, under a schema that declares it
/// <c>ref</c> of <see cref="Resource"/>'s tag.
/// </summary>
public sealed class RetypedReferenceTests() : TemporaryDirectoryTests("retyped-reference")
{
    [Fact]
    public async Task A_reference_to_an_object_the_member_no_longer_accepts_names_the_member_and_both_types()
    {
        Id id;
        using (var store = new FilesystemStore(Folder.Path))
        {
            id = store.Save(new Job { Name = "retyped", Executable = new Executable { Path = "/bin/true", Version = "1", Checksum = "c" } });
            var cluster = store.Save(new Cluster { Head = new Machine { Cores = 4 } });
            var head = Member(File.ReadAllBytes(store.PathOf(cluster)), TestSchemas.Key("Head"));

            var job = File.ReadAllBytes(store.PathOf(id));
            var schema = (await ((ISchemaStore)store).ReadSchemasAsync()).Single(s => s.Hash == RecordEditing.SchemaHashOf(job));
            var executableTag = $"ref<{typeof(Executable).FullName}>";
            var document = schema.Document.Replace(executableTag, $"ref<{typeof(Resource).FullName}>", StringComparison.Ordinal);
            Assert.NotEqual(schema.Document, document);
            var earlier = new StoredSchema(StoredSchema.HashOf(document), schema.Tag, document);
            await ((ISchemaStore)store).WriteSchemasAsync([earlier]);
            File.WriteAllBytes(store.PathOf(id), RecordEditing.WithSchemaHash(WithMember(job, TestSchemas.Key("Executable"), head), earlier.Hash));
        }

        using var reopened = new FilesystemStore(Folder.Path);
        var e = Assert.Throws<LoadException>(() => reopened.Load<Job>(id));

        Assert.Contains("the member 'Executable' of Gc3.Persistence.TestModel.Job (declared ref<Gc3.Persistence.TestModel.Executable>) does not read from the bytes the record holds: "
            + "it was written as ref<Gc3.Persistence.TestModel.Resource>, and the stored value is not one of its declared type now: the reference to 'Machine.", e.Message, StringComparison.Ordinal);
        Assert.Contains("is a Gc3.Persistence.TestModel.Machine, which is not a Gc3.Persistence.TestModel.Executable", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("corrupt", e.Message, StringComparison.Ordinal);
    }

    // The bytes of one member of a record's body.
    private static byte[] Member(byte[] record, uint key)
    {
        var (at, length) = BodyOf(record);
        for (var i = at + 4; i < at + length;)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(record.AsSpan(i + 4));
            if (BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(i)) == key)
            {
                return record.AsSpan(i + 8, size).ToArray();
            }

            i += 8 + size;
        }

        throw new KeyNotFoundException();
    }

    // The record with one member's bytes replaced, resealed.
    private static byte[] WithMember(byte[] record, uint key, byte[] value)
    {
        var (at, length) = BodyOf(record);
        var body = new List<byte>(record.AsSpan(at, 4).ToArray());
        for (var i = at + 4; i < at + length;)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(record.AsSpan(i + 4));
            var bytes = BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(i)) == key ? value : record.AsSpan(i + 8, size).ToArray();
            body.AddRange(record.AsSpan(i, 4).ToArray());
            body.AddRange(BitConverter.GetBytes(bytes.Length));
            body.AddRange(bytes);
            i += 8 + size;
        }

        var result = new byte[at + body.Count + 4];
        record.AsSpan(0, at - 4).CopyTo(result);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(at - 4), body.Count);
        body.CopyTo(result, at);
        return RecordEditing.Resealed(result);
    }

    // Where a record's body starts (after its length) and how long it is.
    private static (int At, int Length) BodyOf(byte[] record)
    {
        var at = RecordEditing.TagOffset + BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(13)) + BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(15)) + 4;
        return (at, BinaryPrimitives.ReadInt32LittleEndian(record.AsSpan(at - 4)));
    }
}
