namespace Gc3.Persistence.Tests;

/// <summary>
/// Damaged and hostile record files: each is a <see cref="LoadException"/> naming the record, never a
/// crash, a hang or a huge allocation, and the store goes on working.
/// </summary>
public sealed class BadRecordTests : TemporaryDirectoryTests
{
    private const long AllocationBound = 4 << 20;
    private readonly FilesystemStore _store;
    private readonly Id _id;
    private readonly byte[] _good;

    public BadRecordTests()
        : base("bad-records")
    {
        _store = new FilesystemStore(Folder.Path);
        _id = _store.Save(Samples.Job("victim"));
        _good = File.ReadAllBytes(_store.PathOf(_id));
    }

    public override void Dispose()
    {
        _store.Dispose();
        base.Dispose();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(-1)]
    public void A_truncated_record_is_a_LoadException(int keep)
    {
        var length = keep >= 0 ? keep : _good.Length - 1;
        var error = LoadDamaged(_good[..length]);

        Assert.Contains("truncated", error.Reason + error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_flipped_bit_anywhere_is_a_LoadException()
    {
        for (var position = 0; position < _good.Length; position++)
        {
            var damaged = (byte[])_good.Clone();
            damaged[position] ^= 0x10;
            LoadDamaged(damaged);
        }
    }

    [Fact]
    public void A_flipped_bit_past_the_framing_is_reported_as_a_checksum_mismatch()
    {
        // The checksum is checked before the body is decoded: damage is named as such, and the decoder never sees it.
        var tagLength = BinaryPrimitives.ReadUInt16LittleEndian(_good.AsSpan(13));
        var prefixLength = BinaryPrimitives.ReadUInt16LittleEndian(_good.AsSpan(15));
        var bodyLengthAt = RecordEditing.TagOffset + tagLength + prefixLength;
        for (var position = 0; position < _good.Length; position++)
        {
            if (position is < 5 or 13 or 14 or 15 or 16 || (position >= bodyLengthAt && position < bodyLengthAt + 4))
            {
                continue; // magic, version, lengths: framing, "not a record" or "truncated or corrupt"
            }

            var damaged = (byte[])_good.Clone();
            damaged[position] ^= 0x10;
            var error = LoadDamaged(damaged);

            Assert.True(error.Reason.Contains("checksum mismatch", StringComparison.Ordinal), $"byte {position}: {error.Message}");
            Assert.Null(error.InnerException);
        }
    }

    [Fact]
    public void Random_bytes_are_a_LoadException()
    {
        var random = new Random(1234);
        foreach (var length in new[] { 1, 15, 100, 4096 })
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            LoadDamaged(bytes);
            if (length >= 4)
            {
                "G3P\u0002"u8.CopyTo(bytes); // past the magic, into the framing of either version
                LoadDamaged(bytes);
                bytes[3] = 1;
                LoadDamaged(bytes);
            }
        }
    }

    [Fact]
    public void An_unknown_type_tag_is_a_LoadException_that_names_the_tag()
    {
        var record = RecordEditing.WithTag(_good, "Some.Removed.Type");

        var error = LoadDamaged(record);

        Assert.Contains("Some.Removed.Type", error.Message);
        Assert.Contains("not registered", error.Message);
    }

    [Fact]
    public void A_hostile_member_count_with_a_valid_checksum_is_a_LoadException()
    {
        var record = (byte[])_good.Clone();
        RecordFormat.ReadHeader(_id, record, out var body);
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(body.Start.Value), int.MaxValue);

        LoadDamaged(RecordEditing.Resealed(record));
    }

    [Fact]
    public void A_hostile_collection_length_with_a_valid_checksum_is_a_LoadException()
    {
        var record = (byte[])_good.Clone();
        var arguments = FindMember(record, ["--input", "victim.dat", "--verbose"]);
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(arguments), 500_000_000); // element count

        LoadDamaged(RecordEditing.Resealed(record));
    }

    [Fact]
    public void A_hostile_member_length_with_a_valid_checksum_is_a_LoadException()
    {
        var record = (byte[])_good.Clone();
        RecordFormat.ReadHeader(_id, record, out var body);
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(body.Start.Value + 8), int.MaxValue); // first member's length

        LoadDamaged(RecordEditing.Resealed(record));
    }

    [Fact]
    public void A_record_of_a_newer_format_version_says_so()
    {
        var record = (byte[])_good.Clone();
        record[3] = 99;

        var error = LoadDamaged(RecordEditing.Resealed(record));

        Assert.Contains("version 99", error.Message);
    }

    [Fact]
    public void A_missing_record_is_a_RecordNotFoundException_with_the_id()
    {
        var missing = new Id("Job", 9_999);

        var error = Assert.Throws<RecordNotFoundException>(() => _store.Load(missing));

        Assert.Equal(missing, error.Id);
        Assert.Contains("no such record", error.Message);
    }

    [Fact]
    public void A_dangling_reference_is_a_RecordNotFoundException_naming_both_records()
    {
        var job = _store.Load<Job>(_id);
        _store.Remove(job.Executable!.PersistentId!);
        _store.InvalidateCache();

        var error = Assert.Throws<RecordNotFoundException>(() => _store.Load(_id));

        Assert.Equal(job.Executable.PersistentId, error.Id);
        Assert.Equal(_id, error.ReferencedFrom);
        Assert.Contains(_id.ToString(), error.Message);
    }

    private LoadException LoadDamaged(byte[] bytes)
    {
        File.WriteAllBytes(_store.PathOf(_id), bytes);
        _store.InvalidateCache();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<LoadException>(() => _store.Load(_id));

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < AllocationBound, "a damaged record made the load allocate too much");
        Assert.Equal(_id, error.Id);

        // The store still works, and the damage did not spread to the good record once restored.
        File.WriteAllBytes(_store.PathOf(_id), _good);
        _store.InvalidateCache();
        Assert.Equal("victim", _store.Load<Job>(_id).Name);
        return error;
    }

    // Where the collection header of the member holding exactly these strings starts.
    private int FindMember(byte[] record, string[] strings)
    {
        RecordFormat.ReadHeader(_id, record, out var body);
        var offset = body.Start.Value + 4;
        while (offset < body.End.Value)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(record.AsSpan(offset + 4));
            var value = record.AsSpan(offset + 8, length);
            if (BinaryPrimitives.ReadInt32LittleEndian(value) == strings.Length && value.IndexOf(Encoding.UTF8.GetBytes(strings[0])) > 0)
            {
                return offset + 8;
            }

            offset += 8 + length;
        }

        throw new InvalidOperationException("member not found");
    }
}
