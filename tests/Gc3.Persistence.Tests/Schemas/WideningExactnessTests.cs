namespace Gc3.Persistence.Tests.Schemas;

/// <summary>
/// A member widened to a floating-point type takes a stored integer only when it converts exactly
/// (docs/changing-your-classes.md): also at the ends of Int128 and UInt128, where a conversion back saturates.
/// </summary>
public sealed class WideningExactnessTests() : SavedRecordsTests("widening-exact")
{
    public static TheoryData<string, string, string> Edges => new()
    {
        { "Int128", "float64", "170141183460469231731687303715884105727" },
        { "Int128", "float32", "170141183460469231731687303715884105727" },
        { "Int128", "float64", "170141183460469231730534382211277258752" }, // 2^127 - 2^60, which rounds to 2^127 too
        { "UInt128", "float64", "170141183460469231731687303715884105727" },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void An_integer_that_rounds_to_2_to_the_127_is_no_float(string member, string to, string value)
    {
        var sample = new SchemaSample();
        if (member == "Int128")
        {
            sample.Int128 = Int128.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            sample.UInt128 = UInt128.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        var from = member == "Int128" ? "int128" : "uint128";
        var reader = TestSchemas.Sample.Replace($"\"name\":\"{member}\",\"key\":{TestSchemas.Key(member)},\"shape\":\"{from}\"", $"\"name\":\"{member}\",\"key\":{TestSchemas.Key(member)},\"shape\":\"{to}\"", StringComparison.Ordinal);
        Assert.NotEqual(TestSchemas.Sample, reader);
        var body = SaveBody(sample, out var id);
        var plan = ResolutionPlan.Build(SchemaDocument.Parse(TestSchemas.Sample), SchemaDocument.Parse(reader));

        var e = Assert.Throws<LoadException>(() => plan.Transcode(id, body, new ArrayBufferWriter<byte>()));

        Assert.Contains($"the value {value} does not convert to {to} exactly", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Int128_MinValue_is_2_to_the_127_negated_exactly()
    {
        var sample = new SchemaSample { Int128 = Int128.MinValue };
        var reader = TestSchemas.Sample.Replace($"\"name\":\"Int128\",\"key\":{TestSchemas.Key("Int128")},\"shape\":\"int128\"", $"\"name\":\"Int128\",\"key\":{TestSchemas.Key("Int128")},\"shape\":\"float64\"", StringComparison.Ordinal);
        var body = SaveBody(sample, out var id);
        var output = new ArrayBufferWriter<byte>();

        ResolutionPlan.Build(SchemaDocument.Parse(TestSchemas.Sample), SchemaDocument.Parse(reader)).Transcode(id, body, output);

        Assert.Equal(-Math.Pow(2, 127), BodyJson(reader, output.WrittenSpan.ToArray()).GetProperty("Int128").GetDouble());
    }
}
