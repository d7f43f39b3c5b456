namespace Gc3.Persistence.Tests.Schemas;

public sealed class SchemaShapeTests
{
    [Theory]
    [InlineData("int32")]
    [InlineData("string")]
    [InlineData("datetimeoffset")]
    [InlineData("nullable<int64>")]
    [InlineData("enum<JobManager.Domain.JobState>")]
    [InlineData("object<Outer+Inner>")]
    [InlineData("ref<jobmanager.executable>")]
    [InlineData("list<object<JobManager.Domain.StateChange>>")]
    [InlineData("array<nullable<guid>>")]
    [InlineData("set<string>")]
    [InlineData("dict<string,list<dict<int32,ref<job>>>>")]
    [InlineData("opaque<System.Version>")]
    [InlineData("ref<a%3Cb%3E%2Cc%25>")]
    public void A_shape_formats_as_the_text_it_was_parsed_from(string text)
    {
        var shape = SchemaShape.Parse(text);

        Assert.Equal(text, shape.ToString());
        Assert.Equal(shape, SchemaShape.Parse(text));
    }

    [Fact]
    public void Parsing_builds_the_tree_and_unescapes_names()
    {
        var shape = SchemaShape.Parse("dict<string,list<ref<a%3Cb%3E%2Cc%25>>>");

        Assert.Equal(SchemaShapeKind.Dictionary, shape.Kind);
        Assert.Equal(SchemaShapeKind.String, shape.Element!.Kind);
        Assert.Equal(SchemaShapeKind.List, shape.Value!.Kind);
        Assert.Equal(SchemaShapeKind.Reference, shape.Value.Element!.Kind);
        Assert.Equal("a<b>,c%", shape.Value.Element.Name);
        Assert.Equal(SchemaScalar.Int32, SchemaShape.Parse("int32").Scalar);
    }

    [Fact]
    public void Shapes_built_in_code_format_as_the_grammar()
    {
        var shape = SchemaShape.Dictionary(SchemaShape.String, SchemaShape.Of(SchemaShapeKind.List, SchemaShape.Named(SchemaShapeKind.Reference, "x<y>")));

        Assert.Equal("dict<string,list<ref<x%3Cy%3E>>>", shape.ToString());
        Assert.Equal(shape, SchemaShape.Parse(shape.ToString()));
    }

    [Theory]
    [InlineData("", "a shape is missing")]
    [InlineData("int", "'int' is no scalar")]
    [InlineData("list<int32", "expected '>'")]
    [InlineData("list<int32>>", "unexpected text after the shape")]
    [InlineData("dict<string>", "expected ','")]
    [InlineData("map<string>", "'map' is no shape of the grammar")]
    [InlineData("enum<>", "a name or tag is missing")]
    [InlineData("ref<a%41>", "'%' must start one of the escapes")]
    [InlineData("list< int32>", "' int32' is no scalar")]
    public void Malformed_text_is_a_format_exception_saying_what_and_where(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => SchemaShape.Parse(text));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("at character", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_or_long_shapes_are_rejected_before_they_exhaust_the_stack()
    {
        var deep = string.Concat(Enumerable.Repeat("list<", 10_000)) + "int32" + new string('>', 10_000);

        Assert.Contains("longer than", Assert.Throws<FormatException>(() => SchemaShape.Parse(deep)).Message, StringComparison.Ordinal);
        var nested = string.Concat(Enumerable.Repeat("list<", 40)) + "int32" + new string('>', 40);
        Assert.Contains("nest more than 32", Assert.Throws<FormatException>(() => SchemaShape.Parse(nested)).Message, StringComparison.Ordinal);
    }
}
