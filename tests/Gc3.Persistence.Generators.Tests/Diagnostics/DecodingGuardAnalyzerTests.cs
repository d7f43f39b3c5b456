namespace Gc3.Persistence.Generators.Tests.Diagnostics;

/// <summary>GC3P026: the members the store's decoding guard cannot walk before MemoryPack decodes them, one case per mode.</summary>
public class DecodingGuardAnalyzerTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using Gc3.Persistence;
        using MemoryPack;

        namespace App;

        """;

    // A type MemoryPack decodes by a mode of its own is named wherever a member holds it: directly or inside a list.
    [Theory]
    [InlineData("VersionTolerant", "MemoryPack decodes in version-tolerant mode")]
    [InlineData("CircularReference", "MemoryPack decodes in circular-reference mode")]
    [InlineData("NoGenerate", "MemoryPack decodes with a formatter of its own ([MemoryPackable(GenerateType.NoGenerate)])")]
    public Task GC3P026_names_a_type_MemoryPack_decodes_in_a_mode_of_its_own(string generateType, string why)
        => VerifyAsync($$"""
            [MemoryPackable(GenerateType.{{generateType}})]
            public partial class Step
            {
                [MemoryPackOrder(0)]
                public Step? Next { get; set; }
            }

            [Persistable]
            public partial class Job
            {
                public Step? {|#0:Step|} { get; set; }

                public List<Step> {|#1:Steps|} { get; set; } = new();
            }
            """,
            Expected("Step", "App.Step", "", why),
            Expected("Steps", "App.Step", "", why, location: 1));

    [Fact]
    public Task GC3P026_names_a_union()
        => VerifyAsync("""
            [MemoryPackable]
            [MemoryPackUnion(0, typeof(Circle))]
            public partial interface IShape
            {
            }

            [MemoryPackable]
            public partial class Circle : IShape
            {
                public double Radius { get; set; }
            }

            [Persistable]
            public partial class Drawing
            {
                public IShape[] {|#0:Shapes|} { get; set; } = [];
            }
            """,
            Expected("Shapes", "App.IShape", "", "MemoryPack decodes in union mode ([MemoryPackUnion])", type: "App.Drawing"));

    [Fact]
    public Task GC3P026_names_a_generic_MemoryPackable_type()
        => VerifyAsync("""
            [MemoryPackable]
            public partial class Box<T>
            {
                public T? Value { get; set; }
            }

            [Persistable]
            public partial class Job
            {
                public Box<string>? {|#0:Box|} { get; set; }
            }
            """,
            Expected("Box", "App.Box<string>", "", "is a generic [MemoryPackable] type, whose bytes the store's schema cannot describe"));

    [Fact]
    public Task GC3P026_names_a_member_with_a_formatter_attribute()
        => VerifyAsync("""
            [MemoryPackable]
            public partial class Note
            {
                [Utf8StringFormatter]
                public string Text { get; set; } = "";
            }

            [Persistable]
            public partial class Job
            {
                public Note? {|#0:Note|} { get; set; }
            }
            """,
            Expected("Note", "string", " (in 'App.Note.Text')", "MemoryPack decodes with the custom formatter [Utf8StringFormatter]"));

    [Fact]
    public Task GC3P026_names_an_opaque_type_that_stops_the_walk_of_an_object_or_holds_one()
        => VerifyAsync("""
            public struct Point
            {
                public int X;
                public int Y;
            }

            [MemoryPackable]
            public partial class Node
            {
                public Point At;

                public Node? Next { get; set; }
            }

            [MemoryPackable]
            public partial class Note
            {
                public string Text { get; set; } = "";
            }

            [Persistable]
            public partial class Job
            {
                public Node? {|#0:Root|} { get; set; }

                public Stack<Note> {|#1:Notes|} { get; set; } = new();
            }
            """,
            Expected("Root", "App.Point", " (in 'App.Node.At')", "the store's schema names opaque (its bytes cannot be walked without the type)"),
            Expected("Notes", "System.Collections.Generic.Stack<App.Note>", "", "the store's schema names opaque (its bytes cannot be walked without the type)", location: 1));

    [Fact]
    public Task GC3P026_is_silent_for_members_the_guard_walks_or_that_hold_no_objects()
        => VerifyAsync("""
            public enum State { New, Done }

            public struct Point
            {
                public int X;
                public int Y;
            }

            [MemoryPackable]
            public partial struct Size
            {
                public int Width;
                public int Height;
            }

            [MemoryPackable]
            public partial class Box<T>
                where T : unmanaged
            {
                public T Value { get; set; }
            }

            [MemoryPackable]
            public partial class Note
            {
                public string Text { get; set; } = "";
                public State State { get; set; }
                public List<Note> Replies { get; set; } = new();
                public Note? Parent { get; set; }
            }

            [Persistable]
            public partial class Job
            {
                public Note? Note { get; set; }
                public Point At { get; set; }
                public Point? Maybe { get; set; }
                public Size Size { get; set; }
                public State State { get; set; }
                public List<Note> Notes { get; set; } = new();
                public Dictionary<string, Note[]> Groups { get; set; } = new();
                public (int, string) Pair { get; set; }
                public Stack<(int, State)> History { get; set; } = new();
                public Job? Parent { get; set; }
                public List<string> Tags { get; set; } = new();

                [PersistIgnore]
                public Box<int>? Ignored { get; set; }
            }
            """);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => AnalyzerTests<DecodingGuardAnalyzer>.VerifyAsync(Usings + source, expected);

    private static DiagnosticResult Expected(string member, string held, string inside, string why, int location = 0, string type = "App.Job")
        => new DiagnosticResult(DiagnosticDescriptors.DecodedOutsideGuard).WithLocation(location).WithArguments(type, member, held, inside, why);
}
