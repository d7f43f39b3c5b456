namespace Gc3.Persistence.Generators.Tests.Schemas;

/// <summary>
/// Gap 2 of the schema rules: a schema document lists, for each opaque type its members reach, the enums inside it
/// (stored by number: MemoryPack copies an unmanaged struct's memory, and writes every enum as its number), and
/// leaves the document of a type without such members exactly as before.
/// </summary>
public class OpaqueEnumSchemaTests
{
    [Fact]
    public void Unmanaged_structs_tuples_and_pairs_list_the_enums_they_hold()
    {
        var output = SchemaDocumentTests.Generate(/* lang=c# */ """
            using System;
            using System.Collections.Generic;
            using Gc3.Persistence;

            namespace App;

            public enum State { New, Done }

            public enum Level : byte { Low, High }

            public readonly record struct Change(State State, DateTime At);

            public struct Outer
            {
                public Change Inner;
                public Level Level;
            }

            [Persistable("log")]
            public partial class Log
            {
                public List<Change> History { get; set; } = [];

                public Outer? Last { get; set; }

                public (Level, int) Pair { get; set; }

                public KeyValuePair<string, State> Entry { get; set; }
            }
            """);

        var document = SchemaDocumentTests.DocumentOf(output, "App.Log");

        Assert.Contains("\"App.Level\":{\"enum\":\"byte\",\"values\":[[\"Low\",0],[\"High\",1]]}", document, StringComparison.Ordinal);
        Assert.Contains("\"App.State\":{\"enum\":\"int32\",\"values\":[[\"New\",0],[\"Done\",1]]}", document, StringComparison.Ordinal);
        // Names as their opaque<...> shapes write them (escaped).
        Assert.EndsWith(
            ",\"opaque\":{\"(App.Level%2C int)\":[\"App.Level\"],\"App.Change\":[\"App.State\"],\"App.Outer\":[\"App.Level\",\"App.State\"],"
            + "\"System.Collections.Generic.KeyValuePair%3Cstring%2C App.State%3E\":[\"App.State\"]}}",
            document,
            StringComparison.Ordinal);
        Assert.Equal(Persistence.Schemas.SchemaDocument.Parse(document).Hash, SchemaDocumentTests.HashOf(output, "App.Log"));
    }

    [Fact]
    public void A_document_without_enums_in_opaque_types_has_no_opaque_table()
    {
        var output = SchemaDocumentTests.Generate(/* lang=c# */ """
            using System;
            using System.Collections.Generic;
            using Gc3.Persistence;

            namespace App;

            public readonly record struct Point(int X, long Y);

            [Persistable("shape")]
            public partial class Shape
            {
                public List<Point> Points { get; set; } = [];
            }
            """);

        Assert.EndsWith("\"types\":{}}", SchemaDocumentTests.DocumentOf(output, "App.Shape"), StringComparison.Ordinal);
    }
}
