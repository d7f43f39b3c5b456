using System.Globalization;
using System.Numerics;

namespace Gc3.Persistence.Tests.Schemas;

/// <summary>
/// Records saved by the real generated serializers, decoded to JSON with a schema document alone (no
/// types), compared with the objects; hostile bodies (truncated, huge counts, deep nesting) are clear
/// <see cref="LoadException"/>s.
/// </summary>
public sealed class RecordJsonTests() : SavedRecordsTests("record-json")
{
    [Fact]
    public void A_record_of_every_shape_decodes_to_json_equal_to_its_object()
    {
        var job = new Job { Name = "pinned", State = JobState.Running };
        var sample = new SchemaSample
        {
            Flag = true, Byte = 250, SByte = -100, Int16 = -30000, UInt16 = 60000, Int32 = int.MinValue, UInt32 = uint.MaxValue,
            Int64 = long.MinValue, UInt64 = ulong.MaxValue, Int128 = Int128.MinValue, UInt128 = UInt128.MaxValue,
            Half = (Half)1.5, Single = 0.1f, Double = Math.PI, Decimal = -79228162514264337593543950335m, Char = 'é',
            When = new DateTime(2026, 12, 2, 14, 30, 5, DateTimeKind.Utc).AddTicks(1234567 - 0),
            WhenOffset = new DateTimeOffset(2026, 12, 2, 15, 30, 5, TimeSpan.FromHours(1)),
            Duration = new TimeSpan(1, 2, 3, 4, 500), Day = new DateOnly(2026, 12, 2), Time = new TimeOnly(23, 59, 58, 999),
            Guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), Big = BigInteger.Pow(10, 40) * -3, Link = new Uri("/tmp/1"),
            Text = "héllo \"world\"", MaybeInt = 42, MaybeOffset = null, MaybeGuid = Guid.Empty, Color = SampleColor.Green,
            MaybeColor = SampleColor.Red, Access = SampleAccess.Read | SampleAccess.Execute, Numbers = [1, -2, 3], Words = ["a", null, ""],
            Longs = [long.MaxValue], Pairs = new() { [7] = -8 }, Groups = new() { ["g"] = [1, 2] }, Counts = new() { [JobState.Submitted] = 3 },
            Jobs = [job, job], Job = null, Box = new SampleBox { Label = "box", Size = 9, Job = job }, Point = new SamplePoint { X = -1, Y = long.MaxValue, Z = 7 },
            MaybePoint = new SamplePoint { X = 2, Y = 3, Z = 4 }, Points = [new SamplePoint { X = 5, Y = 6, Z = 8 }],
            Tree = new SampleTree { Name = "root", Children = [new SampleTree { Name = "leaf" }] },
        };

        var json = Decode(sample, null, out var jobId);

        Assert.Equal($"SchemaSample.{sample.PersistentId!.SeqNo}", json.GetProperty("$id").GetString());
        Assert.Equal("schema.sample", json.GetProperty("$tag").GetString());
        Assert.True(json.GetProperty("Flag").GetBoolean());
        Assert.Equal(250, json.GetProperty("Byte").GetInt32());
        Assert.Equal(-100, json.GetProperty("SByte").GetInt32());
        Assert.Equal(-30000, json.GetProperty("Int16").GetInt32());
        Assert.Equal(60000, json.GetProperty("UInt16").GetInt32());
        Assert.Equal(int.MinValue, json.GetProperty("Int32").GetInt32());
        Assert.Equal(uint.MaxValue, json.GetProperty("UInt32").GetUInt32());
        Assert.Equal(long.MinValue, json.GetProperty("Int64").GetInt64());
        Assert.Equal(ulong.MaxValue, json.GetProperty("UInt64").GetUInt64());
        Assert.Equal(Int128.MinValue.ToString(CultureInfo.InvariantCulture), json.GetProperty("Int128").GetRawText());
        Assert.Equal(UInt128.MaxValue.ToString(CultureInfo.InvariantCulture), json.GetProperty("UInt128").GetRawText());
        Assert.Equal(1.5, json.GetProperty("Half").GetDouble());
        Assert.Equal(0.1f, json.GetProperty("Single").GetSingle());
        Assert.Equal("0.1", json.GetProperty("Single").GetRawText());
        Assert.Equal(Math.PI, json.GetProperty("Double").GetDouble());
        Assert.Equal(sample.Decimal, json.GetProperty("Decimal").GetDecimal());
        Assert.Equal("é", json.GetProperty("Char").GetString());
        Assert.Equal(sample.When, json.GetProperty("When").GetDateTime());
        Assert.Equal(DateTimeKind.Utc, json.GetProperty("When").GetDateTime().Kind);
        Assert.Equal(sample.WhenOffset, json.GetProperty("WhenOffset").GetDateTimeOffset());
        Assert.Equal("2026-12-02T15:30:05+01:00", json.GetProperty("WhenOffset").GetString());
        Assert.Equal("1.02:03:04.5000000", json.GetProperty("Duration").GetString());
        Assert.Equal("2026-12-02", json.GetProperty("Day").GetString());
        Assert.Equal("23:59:58.9990000", json.GetProperty("Time").GetString());
        Assert.Equal(sample.Guid, json.GetProperty("Guid").GetGuid());
        Assert.Equal(sample.Big.ToString(CultureInfo.InvariantCulture), json.GetProperty("Big").GetRawText());
        Assert.Equal("/tmp/1", json.GetProperty("Link").GetString());
        Assert.Equal(sample.Text, json.GetProperty("Text").GetString());
        Assert.Equal(42, json.GetProperty("MaybeInt").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("MaybeOffset").ValueKind);
        Assert.Equal(Guid.Empty, json.GetProperty("MaybeGuid").GetGuid());
        Assert.Equal("Green", json.GetProperty("Color").GetString());
        Assert.Equal("Red", json.GetProperty("MaybeColor").GetString());
        Assert.Equal("Read, Execute", json.GetProperty("Access").GetString());
        Assert.Equal([1, -2, 3], json.GetProperty("Numbers").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(["a", null, ""], json.GetProperty("Words").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([long.MaxValue], json.GetProperty("Longs").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(-8, json.GetProperty("Pairs").GetProperty("7").GetInt64());
        Assert.Equal([1, 2], json.GetProperty("Groups").GetProperty("g").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(3, json.GetProperty("Counts").GetProperty("Submitted").GetInt32());
        Assert.Equal([jobId, jobId], json.GetProperty("Jobs").EnumerateArray().Select(e => e.GetProperty("$ref").GetString()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("Job").ValueKind);
        var box = json.GetProperty("Box");
        Assert.Equal(("box", 9, jobId), (box.GetProperty("Label").GetString(), box.GetProperty("Size").GetInt32(), box.GetProperty("Job").GetProperty("$ref").GetString()));
        // The generator describes an unmanaged [MemoryPackable] struct (raw memory) as opaque: its bytes, base64.
        var point = json.GetProperty("Point").GetBytesFromBase64();
        Assert.Equal((-1, long.MaxValue, (byte)7), (BinaryPrimitives.ReadInt32LittleEndian(point), BinaryPrimitives.ReadInt64LittleEndian(point.AsSpan(8)), point[16]));
        Assert.Equal(JsonValueKind.String, json.GetProperty("Points").ValueKind);
        var tree = json.GetProperty("Tree");
        Assert.Equal(("root", "leaf"), (tree.GetProperty("Name").GetString(), tree.GetProperty("Children")[0].GetProperty("Name").GetString()));
        Assert.Equal(0, tree.GetProperty("Children")[0].GetProperty("Children").GetArrayLength());
    }

    [Fact]
    public void An_unmanaged_struct_described_member_by_member_decodes_from_its_raw_layout()
    {
        var sample = new SchemaSample { Point = new SamplePoint { X = -1, Y = long.MaxValue, Z = 7 }, MaybePoint = new SamplePoint { X = 2, Y = 3, Z = 4 }, Points = [new SamplePoint { X = 5, Y = 6, Z = 8 }] };

        var json = Decode(sample, TestSchemas.Sample, out _); // describes SamplePoint as {"object":"default",...,"struct":true}

        Assert.Equal((-1, long.MaxValue, 7), Point(json.GetProperty("Point")));
        Assert.Equal((2, 3L, 4), Point(json.GetProperty("MaybePoint")));
        Assert.Equal((5, 6L, 8), Point(json.GetProperty("Points")[0]));
    }

    [Fact]
    public void A_job_of_the_test_model_decodes_with_its_members_by_name_by_a_hand_written_document_too()
    {
        var exe = new Executable { Path = "/bin/sim", Version = "1", Checksum = "c" };
        var job = new Job
        {
            Name = "run-1", State = JobState.Submitted, Arguments = ["--in", "x"], Environment = new() { ["HOME"] = "/h" }, Cores = 4,
            MemoryMB = 1L << 40, Submitted = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Local), ExitCode = null, Output = null, Executable = exe,
        };

        var json = Decode(job, TestSchemas.Job, out _);

        Assert.Equal("run-1", json.GetProperty("Name").GetString());
        Assert.Equal("Submitted", json.GetProperty("State").GetString());
        Assert.Equal(["--in", "x"], json.GetProperty("Arguments").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("/h", json.GetProperty("Environment").GetProperty("HOME").GetString());
        Assert.Equal(4, json.GetProperty("Cores").GetInt32());
        Assert.Equal(1L << 40, json.GetProperty("MemoryMB").GetInt64());
        Assert.Equal(job.Submitted, json.GetProperty("Submitted").GetDateTime());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("ExitCode").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("Output").ValueKind);
        Assert.Equal(exe.PersistentId!.ToString(), json.GetProperty("Executable").GetProperty("$ref").GetString());
        Assert.False(json.TryGetProperty("Scratch", out _));
    }

    [Fact]
    public void Opaque_members_are_base64_and_keys_the_document_lacks_are_kept_by_number()
    {
        var job = new Job { Name = "x", Cores = 3 };
        // The document calls Cores opaque and does not know Name.
        var document = TestSchemas.Job.Replace("\"name\":\"Cores\",\"key\":" + TestSchemas.Key("Cores") + ",\"shape\":\"int32\"", "\"name\":\"Cores\",\"key\":" + TestSchemas.Key("Cores") + ",\"shape\":\"opaque<System.Int32>\"", StringComparison.Ordinal)
            .Replace("{\"name\":\"Name\",\"key\":" + TestSchemas.Key("Name") + ",\"shape\":\"string\"},", "", StringComparison.Ordinal);

        var json = Decode(job, document, out _);

        Assert.Equal([3, 0, 0, 0], json.GetProperty("Cores").GetBytesFromBase64());
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(json.GetProperty("Cores").GetBytesFromBase64()));
        Assert.False(json.TryGetProperty("Name", out _));
        Assert.True(json.TryGetProperty("#" + TestSchemas.Key("Name"), out var name));
        Assert.Equal(9, name.GetBytesFromBase64().Length); // ~1, 1 UTF-16 unit, "x"
    }

    [Fact]
    public void A_record_written_with_another_schema_is_refused()
    {
        var document = SchemaDocument.Parse(TestSchemas.Job);
        var record = SaveRecord(new Job { Name = "x" }, out var id);
        record = RecordEditing.WithSchemaHash(record, document.Hash + 1);

        var e = Assert.Throws<ArgumentException>(() => RecordJson.WriteRecord(new Utf8JsonWriter(new ArrayBufferWriter<byte>()), document, record));

        Assert.Contains($"'{id}' was written with the schema", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_record_is_a_load_exception_before_its_body_is_read()
    {
        var record = SaveRecord(new Job { Name = "x" }, out var id);
        record[^10] ^= 1;

        var e = Assert.Throws<LoadException>(() => RecordJson.WriteRecord(new Utf8JsonWriter(new ArrayBufferWriter<byte>()), SchemaDocument.Parse(TestSchemas.Job), record, id));

        Assert.Contains("checksum mismatch", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> HostileBodies => new()
    {
        // member count, then (key, length, bytes) of one member; the document of a job names the shapes.
        { "FFFFFF7F", "claims 2147483647 members" },
        { Member("Name", "F0FFFFFF05000000") + "", "member 'Name' (string)" },
        { Member("Name", "00000080FFFFFFFF"), "a string of 2147483647 UTF-8 bytes needs" },
        { Member("Name", "FFFFFF7F"), "a UTF-16 string of 2147483647 characters needs" },
        { Member("Arguments", "FFFFFF7F"), "claims 2147483647 elements" },
        { Member("Environment", "01000000FEFFFFFF01000000"), "needs" },
        { Member("Cores", "0100"), "a value of int32 needs 4 bytes, but 2 remain" },
        { Member("Cores", "010000000000"), "2 of its 6 bytes follow its value: it was not written as a int32" },
        { Member("ExitCode", "0200000005000000"), "HasValue byte 2" },
        { Member("Executable", "07"), "a reference has the header 7" },
        { Member("Executable", "03FCFFFFFF03000000746167FCFFFFFF030000004A6F62FFFFFFFFFFFFFFFF"), "a reference names no valid ID" },
        { Member("State", "FE000000FE"), "1 of its 5 bytes follow its value" },
        { "01000000" + Key("Name") + "FFFFFF7F", "member key " },
        { Member("Name", "FDFFFFFF02000000C328"), "is not valid UTF-8" },
        { "02000000" + Key("Cores") + "0400000001000000" + Key("Cores") + "0400000002000000", $"member 'Cores' (int32) of the 'test.job' record does not decode with its schema: the member key {TestSchemas.Key("Cores")} appears twice" },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public void A_hostile_body_is_a_load_exception_naming_the_member_and_the_rule(string hex, string expected)
    {
        var document = SchemaDocument.Parse(TestSchemas.Job);

        var e = Assert.Throws<LoadException>(() => RecordJson.WriteBody(new Utf8JsonWriter(new ArrayBufferWriter<byte>()), document, Convert.FromHexString(hex)));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("'test.job' record does not decode with its schema", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public void Checking_a_hostile_body_without_json_finds_what_decoding_it_finds(string hex, string expected)
        => AssertCheckingFailsAsDecoding(TestSchemas.Job, Convert.FromHexString(hex), expected);

    [Theory]
    [InlineData("Flag", "02", "a bool holds the byte 2")]
    [InlineData("Decimal", "FFFFFFFF000000000000000000000000", "a decimal holds the invalid flags")]
    [InlineData("When", "FFFFFFFFFFFFFF3F", "past DateTime.MaxValue")]
    [InlineData("Day", "FFFFFFFF", "the day number -1, out of range")]
    [InlineData("Time", "FFFFFFFFFFFFFFFF", "ticks, out of range")]
    [InlineData("MaybeInt", "0500000007000000", "HasValue byte 5")]
    public void Checking_finds_a_fixed_size_value_out_of_range_as_decoding_does(string member, string valueHex, string expected)
        => AssertCheckingFailsAsDecoding(TestSchemas.Sample, Convert.FromHexString(Member(member, valueHex)), expected);

    [Fact]
    public void Checking_a_record_of_every_shape_passes_and_collects_the_references_json_shows()
    {
        var job = new Job { Name = "pinned", State = JobState.Running };
        var other = new Job { Name = "other" };
        var sample = new SchemaSample
        {
            Text = "héllo", Words = ["a", null, ""], Jobs = [job, other, job], Job = other, Box = new SampleBox { Label = "box", Job = job },
            Counts = new() { [JobState.Submitted] = 3 }, Groups = new() { ["g"] = [1, 2] }, Points = [new SamplePoint { X = 5, Y = 6, Z = 8 }],
            When = DateTime.UtcNow, Day = new DateOnly(2026, 12, 2), MaybeInt = 4, MaybePoint = new SamplePoint { X = 1 },
            Tree = new SampleTree { Name = "root", Children = [new SampleTree { Name = "leaf" }] },
        };
        var record = SaveRecord(sample, out var id);
        Assert.True(Gc3.Persistence.Serialization.PersistableRegistry.TryGet(typeof(SchemaSample), out var serializer));
        var document = SchemaDocument.Parse(serializer.SchemaDocument);
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            RecordJson.WriteRecord(writer, document, record, id);
        }

        var shown = new List<string>();
        var reader = new Utf8JsonReader(output.WrittenSpan);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("$ref"u8) && reader.Read())
            {
                shown.Add(reader.GetString()!);
            }
        }

        var collected = new List<string>();
        RecordJson.CheckRecord(document, record, id, collected);

        Assert.Equal(5, collected.Count); // three in Jobs, Job, Box.Job
        Assert.Equal(shown, collected);
    }

    [Fact]
    public void Deep_nesting_is_refused_at_64_levels_without_exhausting_the_stack()
    {
        // A SampleTree chain 100,000 deep, as MemoryPack would write it: count byte 2, name "", children count 1, ...
        const int depth = 100_000;
        var body = new ArrayBufferWriter<byte>();
        var tree = new List<byte>();
        for (var i = 0; i < depth; i++)
        {
            tree.AddRange([2, 0, 0, 0, 0, 1, 0, 0, 0]);
        }

        tree.AddRange([2, 0, 0, 0, 0, 0, 0, 0, 0]);
        var member = Convert.FromHexString("01000000" + Key("Tree")).Concat(BitConverter.GetBytes(tree.Count)).Concat(tree).ToArray();
        var document = SchemaDocument.Parse(TestSchemas.Sample);

        var e = Assert.Throws<LoadException>(() => RecordJson.WriteBody(new Utf8JsonWriter(body), document, member));

        Assert.Contains("member 'Tree'", e.Message, StringComparison.Ordinal);
        Assert.Contains("values nest more than 64 deep", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_within_the_limit_decodes()
    {
        var root = new SampleTree { Name = "0" };
        var node = root;
        for (var i = 1; i < 30; i++)
        {
            var child = new SampleTree { Name = i.ToString(CultureInfo.InvariantCulture) };
            node.Children.Add(child);
            node = child;
        }

        var json = Decode(new SchemaSample { Tree = root }, null, out _).GetProperty("Tree");
        for (var i = 1; i < 30; i++)
        {
            json = json.GetProperty("Children")[0];
        }

        Assert.Equal("29", json.GetProperty("Name").GetString());
    }

    private static (int, long, int) Point(JsonElement point)
        => (point.GetProperty("X").GetInt32(), point.GetProperty("Y").GetInt64(), point.GetProperty("Z").GetInt32());

    private static string Key(string name)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, TestSchemas.Key(name));
        return Convert.ToHexString(bytes);
    }

    // Checking a body (no JSON written) fails as decoding it to JSON does, with the same message.
    private static void AssertCheckingFailsAsDecoding(string documentText, byte[] body, string expected)
    {
        var document = SchemaDocument.Parse(documentText);
        var decoding = Assert.Throws<LoadException>(() => RecordJson.WriteBody(new Utf8JsonWriter(new ArrayBufferWriter<byte>()), document, body));

        var checking = Assert.Throws<LoadException>(() => RecordJson.CheckBody(document, body));

        Assert.Contains(expected, checking.Message, StringComparison.Ordinal);
        Assert.Equal(decoding.Message, checking.Message);
    }

    private static string Member(string name, string valueHex)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, valueHex.Length / 2);
        return "01000000" + Key(name) + Convert.ToHexString(length) + valueHex;
    }

    // With no document text: the whole record, by the document the generator wrote for its type (the record's
    // schema); with a hand-written document: the record's body.
    private JsonElement Decode(object obj, string? documentText, out string? firstJobId)
    {
        var record = SaveRecord(obj, out var id);
        firstJobId = Directory.GetFiles(Folder.Path, "Job.*").Select(Path.GetFileName).Order(StringComparer.Ordinal).FirstOrDefault();
        if (documentText is not null)
        {
            RecordFormat.ReadHeader(id, record, out var body);
            return BodyJson(documentText, record[body]);
        }

        Assert.True(Gc3.Persistence.Serialization.PersistableRegistry.TryGet(obj.GetType(), out var serializer));
        return Json(writer => RecordJson.WriteRecord(writer, SchemaDocument.Parse(serializer.SchemaDocument), record, id));
    }
}
