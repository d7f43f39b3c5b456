namespace Gc3.Persistence.Tests.Schemas;

/// <summary>
/// Resolution rules on the bytes of real records: a record written with one schema, rewritten into a
/// reader's changed schema, decodes (by the reader's document) to the values the rules promise.
/// </summary>
public sealed class ResolutionPlanTests() : SavedRecordsTests("resolution")
{
    [Fact]
    public void Numbers_widen_nullables_wrap_and_unwrap_and_strings_and_enums_convert_by_name()
    {
        var job = new Job { Name = "Running", State = JobState.Terminated, Cores = int.MinValue, MemoryMB = 5, ExitCode = 3, Arguments = ["a", "b"] };
        var reader = TestSchemas.Job
            .Replace("\"shape\":\"int32\"", "\"shape\":\"int64\"", StringComparison.Ordinal)                                 // Cores: int -> long
            .Replace("\"MemoryMB\",\"key\":" + TestSchemas.Key("MemoryMB") + ",\"shape\":\"int64\"", "\"MemoryMB\",\"key\":" + TestSchemas.Key("MemoryMB") + ",\"shape\":\"nullable<decimal>\"", StringComparison.Ordinal)
            .Replace("\"shape\":\"nullable<int32>\"", "\"shape\":\"int64\"", StringComparison.Ordinal)                        // ExitCode: int? -> long
            .Replace("\"Name\",\"key\":" + TestSchemas.Key("Name") + ",\"shape\":\"string\"", "\"Name\",\"key\":" + TestSchemas.Key("Name") + ",\"shape\":\"enum<Gc3.Persistence.TestModel.JobState>\"", StringComparison.Ordinal)
            .Replace("\"shape\":\"enum<Gc3.Persistence.TestModel.JobState>\"}", "\"shape\":\"string\"}", StringComparison.Ordinal) // State: enum -> string (the last one)
            .Replace("\"shape\":\"list<string>\"", "\"shape\":\"set<string>\"", StringComparison.Ordinal);

        var json = Resolve(job, TestSchemas.Job, reader);

        Assert.Equal(int.MinValue, json.GetProperty("Cores").GetInt64());
        Assert.Equal(5m, json.GetProperty("MemoryMB").GetDecimal());
        Assert.Equal(3, json.GetProperty("ExitCode").GetInt64());
        Assert.Equal("Running", json.GetProperty("Name").GetString());
        Assert.Equal("Terminated", json.GetProperty("State").GetString());
        Assert.Equal(["a", "b"], json.GetProperty("Arguments").EnumerateArray().Select(x => x.GetString()));
    }

    [Fact]
    public void An_enum_value_inserted_in_the_middle_keeps_stored_values_by_name()
    {
        var reader = TestSchemas.Job.Replace("[\"New\",0],[\"Submitted\",1],[\"Running\",2],[\"Terminated\",3]", "[\"New\",0],[\"Queued\",1],[\"Submitted\",2],[\"Running\",3],[\"Terminated\",4]", StringComparison.Ordinal);
        var body = SaveBody(new Job { Name = "x", State = JobState.Submitted }, out var id);
        var plan = ResolutionPlan.Build(SchemaDocument.Parse(TestSchemas.Job), SchemaDocument.Parse(reader));

        var json = BodyJson(reader, Transcode(plan, id, body));

        Assert.Equal("Submitted", json.GetProperty("State").GetString());
        var stored = ReadMember(Transcode(plan, id, body), TestSchemas.Key("State"));
        Assert.Equal([2, 0, 0, 0], stored); // the reader's number of Submitted
    }

    [Fact]
    public void An_enum_name_the_enum_lost_fails_or_loads_as_the_member_marked_for_unknown_values()
    {
        var lost = TestSchemas.Job.Replace("[\"New\",0],[\"Submitted\",1],", "[\"New\",0],", StringComparison.Ordinal);
        var body = SaveBody(new Job { Name = "x", State = JobState.Submitted }, out var id);

        var e = Assert.Throws<LoadException>(() => Transcode(ResolutionPlan.Build(SchemaDocument.Parse(TestSchemas.Job), SchemaDocument.Parse(lost)), id, body));
        Assert.Contains($"'{id}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("member 'State' of Gc3.Persistence.TestModel.Job", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Submitted', which Gc3.Persistence.TestModel.JobState does not have", e.Message, StringComparison.Ordinal);
        Assert.Contains("[PersistUnknownEnumValue]", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("is declared", e.Message, StringComparison.Ordinal); // the type kept its name: no "was written as X and is declared X now"
        Assert.DoesNotContain("give the changed member a new name", e.Message, StringComparison.Ordinal);

        var tolerant = lost.Replace("[\"Terminated\",3]]", "[\"Terminated\",3]],\"unknown\":\"New\"", StringComparison.Ordinal);
        var json = BodyJson(tolerant, Transcode(ResolutionPlan.Build(SchemaDocument.Parse(TestSchemas.Job), SchemaDocument.Parse(tolerant)), id, body));
        Assert.Equal("New", json.GetProperty("State").GetString());
    }

    [Fact]
    public void A_null_into_a_member_no_longer_nullable_is_a_clear_error()
    {
        var reader = TestSchemas.Job.Replace("\"shape\":\"nullable<int32>\"", "\"shape\":\"int32\"", StringComparison.Ordinal);
        var body = SaveBody(new Job { Name = "x", ExitCode = null }, out var id);

        var e = Assert.Throws<LoadException>(() => Transcode(ResolutionPlan.Build(SchemaDocument.Parse(TestSchemas.Job), SchemaDocument.Parse(reader)), id, body));

        Assert.Equal(id, e.Id);
        Assert.Contains("the member 'ExitCode' of Gc3.Persistence.TestModel.Job was written as nullable<int32> and is declared int32 now", e.Message, StringComparison.Ordinal);
        Assert.Contains("holds null", e.Message, StringComparison.Ordinal);
        Assert.Contains("[PersistName(\"ExitCode\")]", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSchemas.Key("ExitCode").ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_no_rule_covers_names_the_member_both_shapes_and_the_way_out()
    {
        var reader = TestSchemas.Job.Replace("\"Name\",\"key\":" + TestSchemas.Key("Name") + ",\"shape\":\"string\"", "\"Name\",\"key\":" + TestSchemas.Key("Name") + ",\"shape\":\"int32\"", StringComparison.Ordinal)
            .Replace("\"shape\":\"int64\"", "\"shape\":\"int32\"", StringComparison.Ordinal);
        var body = SaveBody(new Job { Name = "x" }, out var id);

        var e = Assert.Throws<LoadException>(() => Transcode(ResolutionPlan.Build(SchemaDocument.Parse(TestSchemas.Job), SchemaDocument.Parse(reader)), id, body));

        Assert.Contains("the member 'Name' of Gc3.Persistence.TestModel.Job was written as string and is declared int32 now, which no resolution rule converts", e.Message, StringComparison.Ordinal);
        Assert.Contains("[PersistName(\"Name\")]", e.Message, StringComparison.Ordinal);
        Assert.Contains("OnPersistenceLoaded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Narrowing_numbers_is_refused_and_floats_take_only_exact_integers()
    {
        var writer = SchemaDocument.Parse(TestSchemas.Job);
        Assert.Null(ShapeConverter.Build(writer, SchemaShape.Parse("int64"), writer, SchemaShape.Parse("int32"), out var reason));
        Assert.Contains("does not convert to int32 without loss", reason, StringComparison.Ordinal);
        Assert.Null(ShapeConverter.Build(writer, SchemaShape.Parse("int32"), writer, SchemaShape.Parse("uint64"), out _));
        Assert.Null(ShapeConverter.Build(writer, SchemaShape.Parse("float64"), writer, SchemaShape.Parse("float32"), out _));
        Assert.NotNull(ShapeConverter.Build(writer, SchemaShape.Parse("uint32"), writer, SchemaShape.Parse("int64"), out _));

        var toFloat = TestSchemas.Job.Replace("\"MemoryMB\",\"key\":" + TestSchemas.Key("MemoryMB") + ",\"shape\":\"int64\"", "\"MemoryMB\",\"key\":" + TestSchemas.Key("MemoryMB") + ",\"shape\":\"float32\"", StringComparison.Ordinal);
        var plan = ResolutionPlan.Build(writer, SchemaDocument.Parse(toFloat));
        Assert.Equal(1L << 40, BodyJson(toFloat, Transcode(plan, null, SaveBody(new Job { Name = "a", MemoryMB = 1L << 40 }, out _))).GetProperty("MemoryMB").GetSingle());
        var e = Assert.Throws<LoadException>(() => Transcode(plan, null, SaveBody(new Job { Name = "b", MemoryMB = (1L << 40) + 1 }, out _)));
        Assert.Contains("the value 1099511627777 does not convert to float32 exactly", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Collections_dictionaries_and_objects_convert_element_by_element_and_member_by_name()
    {
        var sample = new SchemaSample
        {
            Numbers = [1, -2], Pairs = new() { [7] = -8, [9] = 10 }, MaybeInt = 4, Color = SampleColor.Green, MaybeColor = SampleColor.Red,
            Box = new SampleBox { Label = "box", Size = 9 }, Counts = new() { [JobState.Running] = 2 },
            Tree = new SampleTree { Name = "root", Children = [new SampleTree { Name = "leaf" }] },
        };
        var reader = TestSchemas.Sample
            .Replace("\"shape\":\"list<int32>\"", "\"shape\":\"array<int64>\"", StringComparison.Ordinal)
            .Replace("\"shape\":\"dict<int32,int64>\"", "\"shape\":\"dict<int64,decimal>\"", StringComparison.Ordinal)
            .Replace("\"shape\":\"nullable<int32>\"", "\"shape\":\"nullable<int64>\"", StringComparison.Ordinal)
            .Replace("\"shape\":\"dict<enum<Gc3.Persistence.TestModel.JobState>,int32>\"", "\"shape\":\"dict<string,nullable<int32>>\"", StringComparison.Ordinal)
            .Replace("\"members\":[[\"Label\",\"string\"],[\"Size\",\"int32\"],[\"Job\",\"ref<test.job>\"]]", "\"members\":[[\"Size\",\"int64\"],[\"Extra\",\"list<string>\"],[\"Label\",\"string\"]]", StringComparison.Ordinal)
            .Replace("[\"Red\",1],[\"Green\",2]", "[\"Blue\",1],[\"Green\",5],[\"Red\",6]", StringComparison.Ordinal)
            .Replace("\"members\":[[\"Name\",\"string\"],[\"Children\",\"list<object<Gc3.Persistence.Tests.Schemas.SampleTree>>\"]]", "\"members\":[[\"Children\",\"array<object<Gc3.Persistence.Tests.Schemas.SampleTree>>\"],[\"Name\",\"string\"],[\"Depth\",\"int32\"]]", StringComparison.Ordinal);

        var json = Resolve(sample, TestSchemas.Sample, reader);

        Assert.Equal([1L, -2L], json.GetProperty("Numbers").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(-8m, json.GetProperty("Pairs").GetProperty("7").GetDecimal());
        Assert.Equal(10m, json.GetProperty("Pairs").GetProperty("9").GetDecimal());
        Assert.Equal(4, json.GetProperty("MaybeInt").GetInt64());
        Assert.Equal(2, json.GetProperty("Counts").GetProperty("Running").GetInt32());
        Assert.Equal("Green", json.GetProperty("Color").GetString());
        Assert.Equal("Red", json.GetProperty("MaybeColor").GetString()); // 1 then, 6 now
        var box = json.GetProperty("Box");
        Assert.Equal(9, box.GetProperty("Size").GetInt64());
        Assert.Equal("box", box.GetProperty("Label").GetString());
        Assert.Equal(JsonValueKind.Null, box.GetProperty("Extra").ValueKind); // new in the reader: its default
        Assert.False(box.TryGetProperty("Job", out _));                        // removed: skipped
        var tree = json.GetProperty("Tree");
        Assert.Equal(("root", 0), (tree.GetProperty("Name").GetString(), tree.GetProperty("Depth").GetInt32()));
        Assert.Equal("leaf", tree.GetProperty("Children")[0].GetProperty("Name").GetString());
    }

    [Fact]
    public void A_list_with_equal_elements_does_not_load_into_a_set_which_would_keep_one()
    {
        var toSet = TestSchemas.Job.Replace("\"shape\":\"list<string>\"", "\"shape\":\"set<string>\"", StringComparison.Ordinal);
        var plan = ResolutionPlan.Build(SchemaDocument.Parse(TestSchemas.Job), SchemaDocument.Parse(toSet));
        Assert.Equal(["a", "b"], BodyJson(toSet, Transcode(plan, null, SaveBody(new Job { Name = "x", Arguments = ["a", "b"] }, out _))).GetProperty("Arguments").EnumerateArray().Select(x => x.GetString()));

        var body = SaveBody(new Job { Name = "y", Arguments = ["a", "b", "a"] }, out var id);
        var e = Assert.Throws<LoadException>(() => Transcode(plan, id, body));

        Assert.Contains("the member 'Arguments' of Gc3.Persistence.TestModel.Job was written as list<string> and is declared set<string> now, and its stored value does not convert: "
            + "its elements 0 and 2 (counted from 0) are equal, and a set keeps one of them", e.Message, StringComparison.Ordinal);
        Assert.Contains("[PersistName(\"Arguments\")]", e.Message, StringComparison.Ordinal);

        var toArray = TestSchemas.Job.Replace("\"shape\":\"list<string>\"", "\"shape\":\"array<string>\"", StringComparison.Ordinal);
        var asArray = Transcode(ResolutionPlan.Build(SchemaDocument.Parse(TestSchemas.Job), SchemaDocument.Parse(toArray)), id, body);
        Assert.Equal(["a", "b", "a"], BodyJson(toArray, asArray).GetProperty("Arguments").EnumerateArray().Select(x => x.GetString())); // an array keeps both
    }

    [Fact]
    public void Dictionary_keys_that_become_one_fail_naming_the_member_instead_of_a_corrupt_record()
    {
        // Submitted and Running removed from the enum, both now load as New: two entries under one key.
        var reader = TestSchemas.Sample.Replace("[\"New\",0],[\"Submitted\",1],[\"Running\",2],[\"Terminated\",3]]", "[\"New\",0],[\"Terminated\",3]],\"unknown\":\"New\"", StringComparison.Ordinal);
        Assert.NotEqual(TestSchemas.Sample, reader);
        var plan = ResolutionPlan.Build(SchemaDocument.Parse(TestSchemas.Sample), SchemaDocument.Parse(reader));
        var body = SaveBody(new SchemaSample { Counts = new() { [JobState.Submitted] = 1, [JobState.Running] = 2 } }, out var id);

        var e = Assert.Throws<LoadException>(() => Transcode(plan, id, body));

        Assert.Contains("the member 'Counts' of Gc3.Persistence.Tests.Schemas.SchemaSample", e.Message, StringComparison.Ordinal);
        Assert.Contains("its keys 0 and 1 (counted from 0) are equal now, and a dictionary holds one value per key", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, BodyJson(reader, Transcode(plan, id, SaveBody(new SchemaSample { Counts = new() { [JobState.Submitted] = 2 } }, out _))).GetProperty("Counts").GetProperty("New").GetInt32());
    }

    [Fact]
    public void The_members_a_transcoding_skips_are_named_also_inside_objects()
    {
        var reader = TestSchemas.Sample
            .Replace("\"members\":[[\"Label\",\"string\"],[\"Size\",\"int32\"],[\"Job\",\"ref<test.job>\"]]", "\"members\":[[\"Label\",\"string\"],[\"Size\",\"int32\"]]", StringComparison.Ordinal)
            .Replace("{\"name\":\"Numbers\",\"key\":" + TestSchemas.Key("Numbers") + ",\"shape\":\"list<int32>\"},", "", StringComparison.Ordinal);
        Assert.DoesNotContain("\"Numbers\"", reader, StringComparison.Ordinal);
        var plan = ResolutionPlan.Build(SchemaDocument.Parse(TestSchemas.Sample), SchemaDocument.Parse(reader));
        var dropped = new List<string>();

        plan.Transcode(null, SaveBody(new SchemaSample { Numbers = [1], Box = new SampleBox { Label = "box" } }, out _), new ArrayBufferWriter<byte>(), dropped: dropped);
        Assert.Equal(["Gc3.Persistence.Tests.Schemas.SampleBox.Job (in Box)", "Numbers"], dropped.Order(StringComparer.Ordinal));

        dropped.Clear();
        plan.Transcode(null, SaveBody(new SchemaSample { Numbers = [1], Box = null }, out _), new ArrayBufferWriter<byte>(), dropped: dropped);
        Assert.Equal(["Numbers"], dropped); // no box held, none of its members dropped
    }

    [Fact]
    public void Removed_members_are_dropped_and_an_unchanged_schema_is_an_identity()
    {
        var reader = TestSchemas.Job.Replace("{\"name\":\"Output\",\"key\":" + TestSchemas.Key("Output") + ",\"shape\":\"string\"},", "", StringComparison.Ordinal);
        var body = SaveBody(new Job { Name = "x", Output = "gone" }, out _);

        var transcoded = Transcode(ResolutionPlan.Build(SchemaDocument.Parse(TestSchemas.Job), SchemaDocument.Parse(reader)), null, body);

        Assert.False(BodyJson(reader, transcoded).TryGetProperty("Output", out _));
        Assert.Equal(9, BitConverter.ToInt32(transcoded, 0));
        Assert.True(ResolutionPlan.Build(SchemaDocument.Parse(TestSchemas.Job), SchemaDocument.Parse(TestSchemas.Job)).IsIdentity);
        Assert.Equal(body, Transcode(ResolutionPlan.Build(SchemaDocument.Parse(TestSchemas.Job), SchemaDocument.Parse(TestSchemas.Job)), null, body));
    }

    private static byte[] Transcode(ResolutionPlan plan, Id? id, byte[] body)
    {
        var output = new ArrayBufferWriter<byte>();
        plan.Transcode(id, body, output);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] ReadMember(byte[] body, uint key)
    {
        var at = 4;
        while (at < body.Length)
        {
            var length = BitConverter.ToInt32(body, at + 4);
            if (BitConverter.ToUInt32(body, at) == key)
            {
                return body[(at + 8)..(at + 8 + length)];
            }

            at += 8 + length;
        }

        throw new KeyNotFoundException();
    }

    private JsonElement Resolve(object obj, string writer, string reader)
    {
        var body = SaveBody(obj, out var id);
        return BodyJson(reader, Transcode(ResolutionPlan.Build(SchemaDocument.Parse(writer), SchemaDocument.Parse(reader)), id, body));
    }
}
