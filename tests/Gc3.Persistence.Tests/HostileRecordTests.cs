using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Tests;

/// <summary>
/// Records built by a hostile writer (valid checksum, lying lengths) and files that are no records at
/// all: each is a <see cref="LoadException"/>, without a read outside the record's bytes and without
/// allocating more than the record's size justifies.
/// </summary>
public sealed class HostileRecordTests() : TemporaryDirectoryTests("hostile-records")
{
    private const long SmallAllocation = 1 << 20;

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(int.MinValue + 1)]
    [InlineData(int.MinValue + 3)]
    [InlineData(int.MaxValue)]
    [InlineData(-1000)]
    [InlineData(1000)]
    public void A_lying_string_length_is_refused_before_MemoryPack_reads_it(int header)
    {
        // int.MinValue made MemoryPack's ReadString compute ~header + 4, which overflows, skip its
        // bounds check and read 2 GB past the buffer: the process died of an access violation.
        var bytes = new byte[64];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, header);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), -1);

        var error = Assert.Throws<InvalidDataException>(() => ReadString(bytes));

        Assert.Contains("string", error.Message);
    }

    [Fact]
    public void Strings_that_fit_read_as_MemoryPack_reads_them()
    {
        foreach (var value in new[] { null, "", "a", "ünïcödé", new string('x', 40) })
        {
            var bytes = MemoryPackSerializer.Serialize(value);
            Assert.Equal(value, ReadString(bytes));
        }
    }

    [Fact]
    public void A_nullable_scalar_whose_HasValue_byte_is_not_0_or_1_is_refused()
    {
        var bytes = new byte[8];
        bytes[0] = 2;
        Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new MemoryPackReader(bytes, MemoryPackReaderOptionalStatePool.Rent(MemoryPackSerializerOptions.Default));
            return NullableScalars.Read<int>(ref reader);
        });
    }

    [Theory]
    [InlineData("Name", false)]
    [InlineData("Arguments", true)]
    public void A_string_length_of_int_MinValue_with_a_valid_checksum_is_a_LoadException_not_a_dead_process(string member, bool inList)
    {
        // In a child process: before the fix, this load killed the process that ran it (exit 134).
        Id id;
        using (var store = new FilesystemStore(Folder.Path))
        {
            id = store.Save(Samples.Job("victim"));
        }

        var path = Path.Combine(Folder.Path, id.ToString());
        var record = File.ReadAllBytes(path);
        var at = MemberValueOffset(id, record, Key(member)) + (inList ? 4 : 0); // a list: past its count, the first string
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(at), int.MinValue);
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(at + 4), -1); // "UTF-16 length unknown": MemoryPack then decodes int.MaxValue bytes
        File.WriteAllBytes(path, RecordEditing.Resealed(record));

        Assert.Contains("string claims", WorkerProcess.LoadFailure($"file://{Folder.Path}", id));
    }

    [Fact]
    public void A_record_holding_a_member_twice_is_refused_not_read_as_its_last_value()
    {
        // The writer writes each member once; a record holding Name twice ("first", then "second") loaded as "second",
        // while gc3p verify and show refused it: the load gave one of two values the record claims, as if it were sound.
        var (id, path) = Saved(Samples.Job("first"));
        File.WriteAllBytes(path, WithMemberAppended(id, File.ReadAllBytes(path), Key("Name"), MemoryPackSerializer.Serialize("second")));

        using var reader = new FilesystemStore(Folder.Path);
        var error = Assert.Throws<LoadException>(() => reader.Load<Job>(id));

        Assert.Equal(id, error.Id);
        Assert.Contains($"the member key {Key("Name")} appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_naming_an_unknown_tag_is_blamed_on_the_reference_not_on_the_record_it_names()
    {
        // Job.1's reference to its executable forged to name the tag 'no.such.tag'. The executable's record is sound, and
        // its header names its own registered tag: the load said "its type tag 'no.such.tag' is not registered" of it.
        var job = new Job { Name = "refers", Executable = new Executable { Path = "/bin/true" } };
        var (id, path) = Saved(job);
        var executable = job.Executable.PersistentId!;
        byte[] forged = [3, .. MemoryPackSerializer.Serialize("no.such.tag"), .. MemoryPackSerializer.Serialize(executable.Prefix), .. BitConverter.GetBytes(executable.SeqNo)];
        File.WriteAllBytes(path, WithMemberValue(id, File.ReadAllBytes(path), Key("Executable"), forged));

        using var reader = new FilesystemStore(Folder.Path);
        var error = Assert.Throws<LoadException>(() => reader.Load<Job>(id));

        Assert.Contains($"'{id}' refers to it as a 'no.such.tag', a type tag that is not registered", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("its type tag", error.Message, StringComparison.Ordinal);
        Assert.Equal("/bin/true", reader.Load<Executable>(executable).Path);
    }

    [Fact]
    public void A_record_with_an_empty_type_tag_is_refused_by_its_framing()
    {
        // No type has an empty tag (GC3P018), but the framing let one through: gc3p listed it under an empty tag, and
        // verify found nothing wrong with it when it names no schema (its body is then shown as bytes).
        var (id, path) = Saved(Samples.Job("tagless"));
        var forged = RecordEditing.WithSchemaHash(RecordEditing.WithTag(File.ReadAllBytes(path), ""), 0);
        File.WriteAllBytes(path, forged);

        var framing = Assert.Throws<LoadException>(() => RecordFormat.ReadHeader(id, forged, out _));
        using var reader = new FilesystemStore(Folder.Path);
        var load = Assert.Throws<LoadException>(() => reader.Load<Job>(id));

        Assert.Contains("an empty type tag", framing.Message, StringComparison.Ordinal);
        Assert.Contains("an empty type tag", load.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sparse_file_of_1000_MiB_named_like_a_record_is_refused_without_reading_it()
    {
        using var store = new FilesystemStore(Folder.Path);
        var id = new Id("Job", 1);
        using (var file = File.Create(store.PathOf(id)))
        {
            file.SetLength(1000L << 20);
        }

        var (error, allocated) = Load(store, id);

        Assert.Contains("MaxRecordBytes", error.Message);
        Assert.Contains(store.PathOf(id), error.Message);
        Assert.True(allocated < SmallAllocation, $"{allocated} bytes allocated");
    }

    [Theory]
    [InlineData(200L << 20)]
    [InlineData(1L << 20)]
    [InlineData(1L)]
    public void A_record_with_bytes_appended_is_refused_before_the_rest_is_read(long appended)
    {
        using var store = new FilesystemStore(Folder.Path);
        var id = store.Save(Samples.Job("victim"));
        store.InvalidateCache();
        using (var file = File.OpenWrite(store.PathOf(id)))
        {
            file.SetLength(file.Length + appended);
        }

        var (error, allocated) = Load(store, id);

        Assert.Contains(appended > StoreOptions.DefaultMaxRecordBytes ? "MaxRecordBytes" : "its header declares", error.Message);
        Assert.True(allocated < SmallAllocation, $"{allocated} bytes allocated");
    }

    [Fact]
    public void A_header_that_declares_more_than_the_file_holds_is_a_truncated_record()
    {
        using var store = new FilesystemStore(Folder.Path);
        var id = store.Save(Samples.Job("victim"));
        store.InvalidateCache();
        var record = File.ReadAllBytes(store.PathOf(id));
        File.WriteAllBytes(store.PathOf(id), record[..^10]);

        var (error, _) = Load(store, id);

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void MaxRecordBytes_bounds_loads_and_saves()
    {
        Id id;
        using (var store = new FilesystemStore(Folder.Path))
        {
            id = store.Save(Samples.Job("big"));
        }

        var options = new StoreOptions { MaxRecordBytes = 400 };
        using (var small = new FilesystemStore(Folder.Path, options))
        {
            var error = Assert.Throws<LoadException>(() => small.Load(id));
            Assert.Contains("400 bytes", error.Message);

            var job = Samples.Job("too big for 400 bytes");
            var refused = Assert.Throws<InvalidOperationException>(() => small.Save(job));
            Assert.Contains("MaxRecordBytes", refused.Message);
            Assert.Null(job.PersistentId);
        }

        Assert.Single(Directory.GetFiles(Folder.Path, "Job.*"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StoreOptions { MaxRecordBytes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new StoreOptions { MaxRecordBytes = StoreOptions.MaxRecordBytesLimit + 1 });
    }

    [Fact]
    public void A_version_1_record_copied_over_another_cannot_be_told_apart_but_a_version_2_record_can()
    {
        // Version 1 records do not name their ID: the check applies to records written since.
        var v1 = Path.Combine(AppContext.BaseDirectory, "Records", "v1-all-members");
        foreach (var file in Directory.GetFiles(v1))
        {
            File.Copy(file, Path.Combine(Folder.Path, Path.GetFileName(file)));
        }

        using var store = new FilesystemStore(Folder.Path);
        var node = store.Load<Node>(Id.Parse("Node.4"));
        node.Name = "saved as version 2";
        store.Save(node);
        File.Copy(store.PathOf(node.PersistentId!), store.PathOf(Id.Parse("Node.7")));
        store.InvalidateCache();

        var error = Assert.Throws<LoadException>(() => store.Load(Id.Parse("Node.7")));

        Assert.Contains("'Node.4'", error.Message);
        Assert.Contains("'Node.7'", error.Message);
    }

    private static string? ReadString(byte[] bytes)
    {
        using var state = MemoryPackReaderOptionalStatePool.Rent(MemoryPackSerializerOptions.Default);
        var reader = new MemoryPackReader(bytes, state);
        return MemberFraming.ReadString(ref reader);
    }

    private static (LoadException Error, long Allocated) Load(FilesystemStore store, Id id)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<LoadException>(() => store.Load(id));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(id, error.Id);
        return (error, allocated);
    }

    // A member's key: the FNV-1a hash of its name with the top bit set (docs/record-format.md).
    private static uint Key(string name)
    {
        var hash = 0x811C9DC5u;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 0x01000193u;
        }

        return hash | 0x80000000u;
    }

    // Saves obj (and what it reaches) to a file store of the folder; its ID and the path of its record.
    private (Id Id, string Path) Saved(object obj)
    {
        using var store = new FilesystemStore(Folder.Path);
        var id = store.Save(obj);
        return (id, Path.Combine(Folder.Path, id.ToString()));
    }

    // The record with the value of the member 'key' replaced, the member's and body's lengths and the checksum made valid.
    private static byte[] WithMemberValue(Id id, byte[] record, uint key, byte[] value)
    {
        RecordFormat.ReadHeader(id, record, out var body);
        var at = MemberValueOffset(id, record, key);
        var length = BinaryPrimitives.ReadInt32LittleEndian(record.AsSpan(at - 4));
        byte[] result = [.. record.AsSpan(0, at), .. value, .. record.AsSpan(at + length)];
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(at - 4), value.Length);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(body.Start.Value - 4), body.End.Value - body.Start.Value + value.Length - length);
        return RecordEditing.Resealed(result);
    }

    // The record with one more member after the others (its key and value), the member count, body length and checksum made valid.
    private static byte[] WithMemberAppended(Id id, byte[] record, uint key, byte[] value)
    {
        RecordFormat.ReadHeader(id, record, out var body);
        var (start, end) = (body.Start.Value, body.End.Value);
        var member = new byte[8 + value.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(member, key);
        BinaryPrimitives.WriteInt32LittleEndian(member.AsSpan(4), value.Length);
        value.CopyTo(member.AsSpan(8));
        byte[] result = [.. record.AsSpan(0, end), .. member, 0, 0, 0, 0];
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(start - 4), end - start + member.Length);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(start), BinaryPrimitives.ReadInt32LittleEndian(record.AsSpan(start)) + 1);
        return RecordEditing.Resealed(result);
    }

    private static int MemberValueOffset(Id id, byte[] record, uint key)
    {
        RecordFormat.ReadHeader(id, record, out var body);
        var offset = body.Start.Value + 4;
        while (offset < body.End.Value)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(record.AsSpan(offset + 4));
            if (BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(offset)) == key)
            {
                return offset + 8;
            }

            offset += 8 + length;
        }

        throw new InvalidOperationException("member not found");
    }
}
