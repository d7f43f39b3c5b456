namespace Gc3.Persistence.Generators.Tests.Diagnostics;

public class MemberTypeAnalyzerTests : AnalyzerTests<MemberTypeAnalyzer>
{
    // The reason depends on the kind of type: a delegate, an abstract class, an Id.
    [Theory]
    [InlineData("System.Action", "Callback", "delegates (code) cannot be persisted")]
    [InlineData("System.IO.Stream", "Output",
        "'System.IO.Stream?' is an abstract class that is neither [Persistable] nor a [MemoryPackable] union, so the type to create on load is unknown")]
    [InlineData("Gc3.Persistence.Id", "Parent",
        "an Id is not stored as a value: hold the object itself (a member of a [Persistable] type is stored as its ID and loaded through the identity map), or keep the ID's text (Id.ToString(), Id.Parse)")]
    public Task GC3P002_names_the_type_the_member_and_the_reason(string type, string member, string reason)
        => VerifyAsync(/* lang=c# */ $$"""
            using Gc3.Persistence;

            namespace App;

            [Persistable]
            public partial class Job
            {
                public {{type}}? {|#0:{{member}}|} { get; set; }
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.MemberNotSerializable).WithLocation(0).WithArguments("App.Job", member, type + "?", reason));

    [Fact]
    public Task GC3P002_fires_for_object_interfaces_abstract_classes_Type_and_nested_problems()
        => VerifyAsync(/* lang=c# */ """
            using System;
            using System.Collections.Generic;
            using Gc3.Persistence;

            public abstract class Shape
            {
            }

            [Persistable]
            public partial class Job
            {
                public object? {|GC3P002:Payload|} { get; set; }

                public IDisposable? {|GC3P002:Handle|};

                public List<Shape> {|GC3P002:Shapes|} { get; set; } = new();

                public Dictionary<string, Func<int>> {|GC3P002:Hooks|} { get; set; } = new();

                public Type? {|GC3P002:Kind|} { get; set; }
            }
            """);

    [Fact]
    public Task GC3P002_is_silent_for_supported_ignored_and_unpersisted_members()
        => VerifyAsync(/* lang=c# */ """
            using System;
            using System.Collections.Generic;
            using Gc3.Persistence;
            using MemoryPack;

            public enum State { New, Done }

            [MemoryPackable]
            public partial class Note
            {
                public string Text { get; set; } = "";
            }

            [Persistable]
            public partial class Job
            {
                public string Name { get; set; } = "";
                public int? ExitCode { get; set; }
                public Guid Key { get; set; }
                public State State { get; set; }
                public DateTime Submitted;
                public List<Job> Children { get; set; } = new();
                public Dictionary<string, Job[]> Groups { get; set; } = new();
                public Note? Note { get; set; }
                public (int, string) Pair { get; set; }

                [PersistIgnore]
                public Action? Callback { get; set; }

                [NonSerialized]
                private object? _cache;
                [field: NonSerialized]
                private object? Cached { get; set; }
                public static object? Shared { get; set; }
                public object Computed => _cache ?? "";
            }
            """);

    [Fact]
    public Task GC3P002_advice_is_possible_for_built_in_types_and_structs()
        => VerifyAsync(/* lang=c# */ """
            using System;
            using Gc3.Persistence;

            public struct Span2
            {
                public string Start;
            }

            [Persistable]
            public partial class Job
            {
                public ReadOnlyMemory<byte> {|#0:Data|} { get; set; }
                public Span2 {|#1:Range|} { get; set; }
                public Random? {|#2:Dice|} { get; set; }
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.MemberNotSerializable).WithLocation(0)
                .WithArguments("Job", "Data", "System.ReadOnlyMemory<byte>", "MemoryPack has no serializer for 'System.ReadOnlyMemory<byte>' here; use an array ('byte[]') instead"),
            new DiagnosticResult(DiagnosticDescriptors.MemberNotSerializable).WithLocation(1)
                .WithArguments("Job", "Range", "Span2", "MemoryPack has no serializer for 'Span2': mark it [MemoryPackable] to store it inside the record (a struct cannot be [Persistable], which needs a class)"),
            new DiagnosticResult(DiagnosticDescriptors.MemberNotSerializable).WithLocation(2)
                .WithArguments("Job", "Dice", "System.Random?", "MemoryPack has no serializer for 'System.Random', a type of the referenced assembly 'System.Private.CoreLib' that cannot be marked [MemoryPackable]; store its state in a supported type (or a [MemoryPackable] type of your own) instead"));

    [Fact]
    public Task GC3P002_fires_whatever_the_accessibility_of_the_member()
        => VerifyAsync(/* lang=c# */ """
            using System;
            using Gc3.Persistence;

            [Persistable]
            public partial class Job
            {
                private readonly Action? {|GC3P002:_callback|};
                protected object? {|GC3P002:Payload|} { get; set; }
                internal IDisposable? {|GC3P002:Handle|} { get; }
                private protected Delegate? {|GC3P002:_hook|};

                public Action? Callback => _callback;
            }
            """);

    [Fact]
    public Task GC3P017_is_retired_read_only_members_are_persisted()
        => VerifyAsync(/* lang=c# */ """
            using System.Collections.Generic;
            using Gc3.Persistence;

            [Persistable]
            public partial class Batch
            {
                public const int Max = 3;

                public List<string> Names { get; } = new();

                public readonly int Size = 3;

                private readonly List<string> _items = new();

                public IReadOnlyList<string> Items => _items;

                [PersistIgnore]
                public List<string> Scratch { get; } = new();
            }
            """);
}
