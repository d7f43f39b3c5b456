namespace Gc3.Persistence.Generators.Tests.Diagnostics;

/// <summary>GC3P029: non-public state of a [MemoryPackable] type a record holds, which MemoryPack does not write.</summary>
public class MemoryPackStateAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using Gc3.Persistence;
        using MemoryPack;

        namespace App;

        """;

    [Fact]
    public Task GC3P029_names_the_private_field_and_auto_property_of_a_MemoryPackable_type_inside_a_list()
        => VerifyAsync("""
            [MemoryPackable]
            public partial class Limits
            {
                private int _hits;
                public int Max { get; set; }
                private string Note { get; set; } = "";
                public int Hits => _hits;
                public void Hit() => _hits++;
            }

            [Persistable]
            public partial class Job
            {
                public List<Limits> {|#0:Limits|} { get; set; } = new();
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.UnwrittenMemoryPackState).WithLocation(0).WithArguments("App.Job", "Limits", "App.Limits", "_hits (not public: mark it [MemoryPackInclude], or [MemoryPackIgnore] if it is not state), Note (not public: mark it [MemoryPackInclude], or [MemoryPackIgnore] if it is not state)"));

    [Fact]
    public Task GC3P029_finds_a_type_inside_another_and_a_private_field_of_a_base()
        => VerifyAsync("""
            public abstract class Counted
            {
                protected long Seen;
            }

            [MemoryPackable]
            public partial class Inner : Counted
            {
                public int Value { get; set; }
            }

            [MemoryPackable]
            public partial struct Outer
            {
                public string Name { get; set; }
                public Inner? Inner { get; set; }
            }

            [Persistable]
            public partial class Job
            {
                public Dictionary<string, Outer?> {|#0:ByName|} { get; set; } = new();
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.UnwrittenMemoryPackState).WithLocation(0).WithArguments("App.Job", "ByName", "App.Inner", "Seen (not public: mark it [MemoryPackInclude], or [MemoryPackIgnore] if it is not state)"));

    [Fact]
    public Task GC3P029_names_a_get_only_member_the_constructor_MemoryPack_calls_does_not_take()
        => VerifyAsync("""
            [MemoryPackable]
            public partial class Size
            {
                [MemoryPackConstructor]
                public Size(int width) => Width = width;

                public Size(int width, int height)
                {
                    Width = width;
                    Height = height;
                }

                public int Width { get; }
                public int Height { get; }
                public int Area => Width * Height;
            }

            [Persistable]
            public partial class Job
            {
                public Size? {|#0:Size|} { get; set; }
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.UnwrittenMemoryPackState).WithLocation(0).WithArguments(
                "App.Job", "Size", "App.Size",
                "Height (get-only, and the constructor MemoryPack calls has no parameter 'height': add one, or give it an init accessor)"));

    [Fact]
    public Task GC3P029_names_the_elements_of_a_collection_class_a_MemoryPackable_object_derives_from_and_a_collection_types_own_members()
        => VerifyAsync("""
            [MemoryPackable]
            public partial class Steps : List<string>
            {
                public string Owner { get; set; } = "";
            }

            [MemoryPackable(GenerateType.Collection)]
            public partial class Tags : List<string>
            {
                public string Owner { get; set; } = "";
            }

            [Persistable]
            public partial class Job
            {
                public Steps? {|#0:Steps|} { get; set; }

            #pragma warning disable GC3P026
                public Tags? {|#1:Tags|} { get; set; }
            #pragma warning restore GC3P026
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.UnwrittenMemoryPackState).WithLocation(0).WithArguments(
                "App.Job", "Steps", "App.Steps",
                "its elements (MemoryPack writes an object's members, not the elements of the collection class it derives from: hold the collection in a public member)"),
            new DiagnosticResult(DiagnosticDescriptors.UnwrittenMemoryPackState).WithLocation(1).WithArguments(
                "App.Job", "Tags", "App.Tags",
                "Owner (MemoryPack's collection mode writes the elements only: hold it in a type that has the collection as a member)"));

    [Fact]
    public Task GC3P029_is_silent_for_written_ignored_and_constructor_restored_state_and_unmanaged_structs()
        => VerifyAsync("""
            [MemoryPackable]
            public partial class Money
            {
                private readonly decimal _amount;

                [MemoryPackInclude]
                private string _currency = "";

                [MemoryPackIgnore]
                private int _cache;

                [NonSerialized]
                private int _scratch;

                private const int Scale = 2;
                private static int s_count;

                [MemoryPackConstructor]
                public Money(decimal amount) => _amount = amount;

                public decimal Amount => _amount;
                public int Cents { get; private set; }
                public string Currency => _currency;
            }

            [MemoryPackable]
            public partial record Entry(string Name, int Size)
            {
                public int Count { get; init; }
            }

            [MemoryPackable]
            public partial struct Pair
            {
                public Pair(string key, int value)
                {
                    Key = key;
                    Value = value;
                }

                public string Key { get; }
                public readonly int Value;
            }

            [MemoryPackable]
            public partial struct Point
            {
                private int _x;
                public int X => _x;
            }

            [Persistable]
            public partial class Job
            {
                public Money? Price { get; set; }
                public Entry[] Entries { get; set; } = [];
                public Pair? Pair { get; set; }
                public Point Where { get; set; }
                public List<Point> Path { get; set; } = new();
                private int _own;

                [PersistIgnore]
                public Hidden? Ignored { get; set; }
            }

            [MemoryPackable]
            public partial class Hidden
            {
                private int _lost;
            }
            """);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => AnalyzerTests<MemoryPackStateAnalyzer>.VerifyAsync(Usings + source, expected);
}
