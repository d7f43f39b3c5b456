namespace Gc3.Persistence.Tests.Schemas;

public sealed class SchemaDocumentTests
{
    // The example of the schema contract (issue 15), as the generator writes it: compact, keys in order.
    private const string ContractExample =
        "{\"format\":1,\"tag\":\"jobmanager.job\",\"idPrefix\":\"job\",\"type\":\"JobManager.Domain.Job\","
        + "\"members\":[{\"name\":\"Name\",\"key\":2413852422,\"shape\":\"string\"},"
        + "{\"name\":\"State\",\"key\":2649531542,\"shape\":\"enum<JobManager.Domain.JobState>\"},"
        + "{\"name\":\"Executable\",\"key\":3511921709,\"shape\":\"ref<jobmanager.executable>\"},"
        + "{\"name\":\"History\",\"key\":1,\"shape\":\"list<object<JobManager.Domain.StateChange>>\"}],"
        + "\"types\":{\"JobManager.Domain.JobState\":{\"enum\":\"int32\",\"values\":[[\"New\",0],[\"Submitted\",1]]},"
        + "\"JobManager.Domain.StateChange\":{\"object\":\"default\",\"members\":[[\"State\",\"enum<JobManager.Domain.JobState>\"],[\"At\",\"datetime\"]]}}}";

    [Fact]
    public void The_contract_example_parses_into_its_members_and_types()
    {
        var document = SchemaDocument.Parse(ContractExample);

        Assert.Equal(("jobmanager.job", "job", "JobManager.Domain.Job"), (document.Tag, document.IdPrefix, document.TypeName));
        Assert.Equal(["Name", "State", "Executable", "History"], document.Members.Select(m => m.Name));
        Assert.Equal("State", document.FindMember(2649531542)!.Name);
        Assert.Equal("list<object<JobManager.Domain.StateChange>>", document.FindMember(1)!.Shape.ToString());
        var state = document.GetEnum("JobManager.Domain.JobState");
        Assert.Equal((SchemaScalar.Int32, false), (state.Underlying, state.IsFlags));
        Assert.Equal(1, state.Find("Submitted")!.Value);
        var change = document.GetObject("JobManager.Domain.StateChange");
        Assert.Equal((SchemaObjectMode.Default, false), (change.Mode, change.IsStruct));
        Assert.Equal(["State", "At"], change.Members.Select(m => m.Name));
        Assert.Equal(ContractExample, document.Text);
    }

    [Fact]
    public void The_hash_is_fnv1a_64_of_the_utf8_text()
    {
        var bytes = Encoding.UTF8.GetBytes(ContractExample + "é");
        var expected = 0xCBF29CE484222325UL;
        foreach (var b in bytes)
        {
            expected = (expected ^ b) * 0x100000001B3UL;
        }

        Assert.Equal(expected, SchemaDocument.ComputeHash(ContractExample + "é"));
        Assert.Equal(0xAF63DC4C8601EC8CUL, SchemaDocument.ComputeHash("a")); // the published FNV-1a 64 of "a"
        Assert.Equal(SchemaDocument.ComputeHash(ContractExample), SchemaDocument.Parse(ContractExample).Hash);
    }

    [Fact]
    public void Enum_flags_unsigned_64_bit_values_structs_and_unknown_keys_are_read()
    {
        var document = SchemaDocument.Parse(TestSchemas.Document("t", "T", "T", [("A", "enum<E>"), ("P", "object<P>")],
            "\"E\":{\"enum\":\"uint64\",\"values\":[[\"Max\",18446744073709551615],[\"One\",1]],\"flags\":true,\"unknown\":\"One\",\"later\":[1,{\"x\":2}]},"
            + "\"P\":{\"object\":\"default\",\"members\":[[\"X\",\"int32\"]],\"struct\":true}"));

        var e = document.GetEnum("E");
        Assert.Equal((-1L, true, "One"), (e.Find("Max")!.Value, e.IsFlags, e.UnknownValue));
        Assert.True(document.GetObject("P").IsStruct);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "the document is a StartArray where a StartObject belongs")]
    [InlineData("{\"format\":2,\"tag\":\"t\"}", "format 2, but this library reads format 1")]
    [InlineData("{\"format\":1,\"tag\":\"t\",\"idPrefix\":\"T\",\"type\":\"T\"}", "lacks 'members'")]
    [InlineData("{\"format\":1,\"tag\":\"t\",\"idPrefix\":\"T\",\"type\":\"T\",\"members\":[{\"name\":\"A\",\"key\":-1,\"shape\":\"int32\"}]}", "no uint32")]
    [InlineData("{\"format\":1,\"tag\":\"t\",\"idPrefix\":\"T\",\"type\":\"T\",\"members\":[{\"name\":\"A\",\"key\":1,\"shape\":\"int\"}]}", "'int' is no scalar")]
    [InlineData("{\"format\":1,\"tag\":\"t\",\"idPrefix\":\"T\",\"type\":\"T\",\"members\":[{\"name\":\"A\",\"key\":1,\"shape\":\"enum<E>\"}]}", "describes no enum 'E'")]
    [InlineData("{\"format\":1,\"tag\":\"t\",\"idPrefix\":\"T\",\"type\":\"T\",\"members\":[{\"name\":\"A\",\"key\":1,\"shape\":\"int32\"},{\"name\":\"B\",\"key\":1,\"shape\":\"int32\"}]}", "the same key 1")]
    [InlineData("{\"format\":1,\"tag\":\"t\",\"idPrefix\":\"T\",\"type\":\"T\",\"members\":[],\"types\":{\"E\":{\"enum\":\"float32\"}}}", "no integer type")]
    [InlineData("{\"format\":1,\"tag\":\"t\",\"idPrefix\":\"T\",\"type\":\"T\",\"members\":[],\"types\":{\"O\":{\"object\":\"weird\"}}}", "unknown mode 'weird'")]
    [InlineData("{\"format\":1,\"tag\":\"t\",\"idPrefix\":\"T\",\"type\":\"T\",\"members\":[],\"types\":{\"E\":{\"enum\":\"int32\",\"values\":[[\"A\",1]],\"unknown\":\"B\"}}}", "none of its members")]
    [InlineData("{\"format\":1,\"tag\":\"t\",\"idPrefix\":\"T\",\"type\":\"T\",\"members\":[]} {}", "not valid JSON")]
    [InlineData("{\"format\":1,\"tag\":\"t\",\"idPrefix\":\"T\",\"type\":\"T\",\"members\":[],\"x\":[[[[[[[[[[1]]]]]]]]]]}", "not valid JSON")]
    public void A_malformed_or_hostile_document_is_a_format_exception_saying_what(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => SchemaDocument.Parse(text));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_document_is_rejected_before_it_is_read()
    {
        var e = Assert.Throws<FormatException>(() => SchemaDocument.Parse(new string(' ', SchemaDocument.MaxTextLength + 1)));

        Assert.Contains("longer than", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_opaque_table_lists_the_enums_inside_opaque_types_and_is_optional()
    {
        const string document = "{\"format\":1,\"tag\":\"log\",\"idPrefix\":\"Log\",\"type\":\"App.Log\","
            + "\"members\":[{\"name\":\"History\",\"key\":1,\"shape\":\"list<opaque<App.Change>>\"}],"
            + "\"types\":{\"App.State\":{\"enum\":\"int32\",\"values\":[[\"New\",0],[\"Done\",1]]}},"
            + "\"opaque\":{\"App.Change\":[\"App.State\"]}}";

        var parsed = SchemaDocument.Parse(document);

        Assert.Equal(["App.State"], parsed.OpaqueEnums["App.Change"]);
        Assert.Empty(SchemaDocument.Parse(ContractExample).OpaqueEnums); // documents written before the table
        var e = Assert.Throws<FormatException>(() => SchemaDocument.Parse(document.Replace("[\"App.State\"]}}", "[\"App.Gone\"]}}", StringComparison.Ordinal)));
        Assert.Contains("the opaque type 'App.Change' holds the enum 'App.Gone', which the document does not describe", e.Message, StringComparison.Ordinal);
    }
}
