namespace Gc3.Persistence.Tests.Schemas;

/// <summary>
/// Enum values no member names (an undefined number, flags with bits no member names) have no name to be read by
/// when the enum changes: they keep their number. Such a record used to fail to load after any change to its enum
/// (a member inserted), even with [PersistUnknownEnumValue].
/// </summary>
public sealed class EnumResolutionExactnessTests() : SavedRecordsTests("enum-exact")
{
    private static readonly string Inserted = TestSchemas.Job.Replace("[\"New\",0],[\"Submitted\",1],", "[\"New\",0],[\"Queued\",1],[\"Submitted\",2],", StringComparison.Ordinal)
        .Replace("[\"Running\",2],[\"Terminated\",3]", "[\"Running\",3],[\"Terminated\",4]", StringComparison.Ordinal);

    [Fact]
    public void An_undefined_enum_value_keeps_its_number_when_a_member_is_inserted()
    {
        Assert.NotEqual(TestSchemas.Job, Inserted);
        var json = Resolve(new Job { Name = "x", State = (JobState)42 }, TestSchemas.Job, Inserted);

        Assert.Equal(42, json.GetProperty("State").GetInt32());
        Assert.Equal("Submitted", Resolve(new Job { Name = "y", State = JobState.Submitted }, TestSchemas.Job, Inserted).GetProperty("State").GetString());
    }

    [Fact]
    public void An_undefined_enum_value_becomes_its_number_as_text_and_back()
    {
        var toString = TestSchemas.Job.Replace("\"State\",\"key\":" + TestSchemas.Key("State") + ",\"shape\":\"enum<Gc3.Persistence.TestModel.JobState>\"", "\"State\",\"key\":" + TestSchemas.Key("State") + ",\"shape\":\"string\"", StringComparison.Ordinal);
        Assert.NotEqual(TestSchemas.Job, toString);
        var body = SaveBody(new Job { Name = "x", State = (JobState)(-7) }, out var id);

        var asText = Transcode(ResolutionPlan.Build(SchemaDocument.Parse(TestSchemas.Job), SchemaDocument.Parse(toString)), id, body);
        Assert.Equal(((JobState)(-7)).ToString(), BodyJson(toString, asText).GetProperty("State").GetString());

        var back = Transcode(ResolutionPlan.Build(SchemaDocument.Parse(toString), SchemaDocument.Parse(Inserted)), id, asText);
        Assert.Equal(-7, BodyJson(Inserted, back).GetProperty("State").GetInt32());
    }

    [Fact]
    public void Flags_keep_their_named_bits_by_name_and_the_other_bits_as_they_are()
    {
        // Read moves from 1 to 8 and Write from 2 to 16; 64 was never a member.
        var moved = TestSchemas.Sample.Replace("[[\"None\",0],[\"Read\",1],[\"Write\",2],[\"Execute\",4]]", "[[\"None\",0],[\"Execute\",4],[\"Read\",8],[\"Write\",16]]", StringComparison.Ordinal);
        Assert.NotEqual(TestSchemas.Sample, moved);

        var json = Resolve(new SchemaSample { Access = SampleAccess.Read | SampleAccess.Execute | (SampleAccess)64 }, TestSchemas.Sample, moved);

        Assert.Equal(8 | 4 | 64, json.GetProperty("Access").GetInt32());
    }

    [Fact]
    public void Flags_of_0_with_no_member_for_0_become_the_string_0_as_dotnet_prints_them()
    {
        var writer = TestSchemas.Sample.Replace("[[\"None\",0],[\"Read\",1]", "[[\"Read\",1]", StringComparison.Ordinal);
        var reader = writer.Replace("\"Access\",\"key\":" + TestSchemas.Key("Access") + ",\"shape\":\"enum<Gc3.Persistence.Tests.Schemas.SampleAccess>\"", "\"Access\",\"key\":" + TestSchemas.Key("Access") + ",\"shape\":\"string\"", StringComparison.Ordinal);
        Assert.NotEqual(TestSchemas.Sample, writer);
        Assert.NotEqual(writer, reader);

        Assert.Equal("0", Resolve(new SchemaSample(), writer, reader).GetProperty("Access").GetString());
    }

    [Fact]
    public void A_kept_number_the_new_underlying_type_cannot_hold_is_a_clear_error()
    {
        var narrow = TestSchemas.Job.Replace("\"Gc3.Persistence.TestModel.JobState\":{\"enum\":\"int32\",\"values\":[[\"New\",0],", "\"Gc3.Persistence.TestModel.JobState\":{\"enum\":\"byte\",\"values\":[[\"New\",0],[\"Queued\",9],", StringComparison.Ordinal);
        Assert.NotEqual(TestSchemas.Job, narrow);
        var body = SaveBody(new Job { Name = "x", State = (JobState)300 }, out var id);

        var e = Assert.Throws<LoadException>(() => Transcode(ResolutionPlan.Build(SchemaDocument.Parse(TestSchemas.Job), SchemaDocument.Parse(narrow)), id, body));

        Assert.Contains("the number 300", e.Message, StringComparison.Ordinal);
    }

    private static byte[] Transcode(ResolutionPlan plan, Id? id, byte[] body)
    {
        var output = new ArrayBufferWriter<byte>();
        plan.Transcode(id, body, output);
        return output.WrittenSpan.ToArray();
    }

    private System.Text.Json.JsonElement Resolve(object obj, string writer, string reader)
    {
        var body = SaveBody(obj, out var id);
        return BodyJson(reader, Transcode(ResolutionPlan.Build(SchemaDocument.Parse(writer), SchemaDocument.Parse(reader)), id, body));
    }
}
