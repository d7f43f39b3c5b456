namespace Gc3.Persistence.Generators.Tests.Schemas;

/// <summary>
/// The enum member marked <c>[PersistUnknownEnumValue]</c> is named in the document (<c>"unknown"</c>, after
/// the values), so that resolution loads names the enum lost as it; an enum without one keeps its document.
/// </summary>
public class UnknownEnumValueTests
{
    [Fact]
    public void The_marked_member_is_written_as_unknown_and_unmarked_enums_are_unchanged()
    {
        const string source = /* lang=c# */ """
            using Gc3.Persistence;

            namespace App;

            public enum Color { Red, Green, [PersistUnknownEnumValue] Unknown }

            public enum Shape { Round, Square }

            [Persistable("job")]
            public partial class Job
            {
                public Color Color { get; set; }

                public Shape Shape { get; set; }
            }
            """;

        var document = SchemaDocumentTests.DocumentOf(SchemaDocumentTests.Generate(source), "App.Job");

        Assert.Contains("\"App.Color\":{\"enum\":\"int32\",\"values\":[[\"Red\",0],[\"Green\",1],[\"Unknown\",2]],\"unknown\":\"Unknown\"}", document, StringComparison.Ordinal);
        Assert.Contains("\"App.Shape\":{\"enum\":\"int32\",\"values\":[[\"Round\",0],[\"Square\",1]]}", document, StringComparison.Ordinal);
        Assert.Equal("Unknown", Gc3.Persistence.Schemas.SchemaDocument.Parse(document).GetEnum("App.Color").UnknownValue);
    }
}
