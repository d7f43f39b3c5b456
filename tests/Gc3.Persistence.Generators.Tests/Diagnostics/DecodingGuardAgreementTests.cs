using Gc3.Persistence.Generators.Helpers;
using Gc3.Persistence.Generators.Model;
using Gc3.Persistence.Schemas;

namespace Gc3.Persistence.Generators.Tests.Diagnostics;

/// <summary>
/// GC3P026 and the runtime agree on which members the decoding guard walks: for each member of a type with one
/// member of every kind, the generator's schema document is read by the runtime (<see cref="SchemaDocument"/>), and
/// the runtime's own choice (<see cref="NestingGuard.HoldsObjects"/> and <see cref="SchemaWalker.IsDecodable"/>, as
/// <c>NestingGuard</c> builds its member list) is compared with <see cref="SchemaShapes.GuardGapOf"/>: a member the
/// guard walks is never reported, a member holding objects the guard skips always is.
/// </summary>
public class DecodingGuardAgreementTests
{
    private const string Source = /* lang=c# */ """
        using System;
        using System.Collections.Generic;
        using Gc3.Persistence;
        using MemoryPack;

        namespace App;

        public enum State { New, Done }

        public struct Point { public int X; public int Y; }

        [MemoryPackable] public partial struct Size { public int Width; public int Height; }

        [MemoryPackable] public partial class Note { public string Text { get; set; } = ""; public Note? Parent { get; set; } public List<Note> Replies { get; set; } = new(); }

        [MemoryPackable] public partial class Located { public Point At; public Located? Next { get; set; } }

        [MemoryPackable] public partial class Versioned { public Version? Version { get; set; } }

        [MemoryPackable(GenerateType.VersionTolerant)] public partial class Tolerant { [MemoryPackOrder(0)] public string Name { get; set; } = ""; }

        [MemoryPackable(GenerateType.CircularReference)] public partial class Circular { [MemoryPackOrder(0)] public Circular? Next { get; set; } }

        [MemoryPackable] [MemoryPackUnion(0, typeof(Circle))] public partial interface IShape { }

        [MemoryPackable] public partial class Circle : IShape { public double Radius { get; set; } }

        [MemoryPackable] public partial class Box<T> { public T? Value { get; set; } }

        [MemoryPackable] public partial class HoldsTolerant { public Tolerant? Inner { get; set; } }

        [MemoryPackable] public partial class Packed { [Utf8StringFormatter] public string Text { get; set; } = ""; public Note? Note { get; set; } }

        [Persistable]
        public partial class Job
        {
            public string Name { get; set; } = "";
            public int Count { get; set; }
            public State State { get; set; }
            public Point At { get; set; }
            public Size Size { get; set; }
            public (int, string) Pair { get; set; }
            public List<string> Tags { get; set; } = new();
            public Job? Parent { get; set; }
            public Note? Note { get; set; }
            public List<Note> Notes { get; set; } = new();
            public Dictionary<string, Note[]> Groups { get; set; } = new();
            public Note?[] Sparse { get; set; } = [];
            public Located? Located { get; set; }
            public Versioned? Versioned { get; set; }
            public Tolerant? Tolerant { get; set; }
            public List<Circular> Circular { get; set; } = new();
            public IShape? Shape { get; set; }
            public Box<string>? Box { get; set; }
            public HoldsTolerant? HoldsTolerant { get; set; }
            public Stack<Note> Stacked { get; set; } = new();
            public Dictionary<Point, Note> ByPoint { get; set; } = new();
            public Packed? Packed { get; set; }
        }
        """;

    // The members GC3P026 names, with the kind of gap; every other member of Job is silent.
    private static readonly Dictionary<string, GuardGapKind> Reported = new()
    {
        ["Located"] = GuardGapKind.Opaque,
        ["Versioned"] = GuardGapKind.Opaque,
        ["Tolerant"] = GuardGapKind.VersionTolerant,
        ["Circular"] = GuardGapKind.CircularReference,
        ["Shape"] = GuardGapKind.Union,
        ["Box"] = GuardGapKind.Generic,
        ["HoldsTolerant"] = GuardGapKind.VersionTolerant,
        ["Stacked"] = GuardGapKind.Opaque,
        ["ByPoint"] = GuardGapKind.Opaque,
        ["Packed"] = GuardGapKind.FormatterAttribute,
    };

    [Fact]
    public void A_member_is_reported_exactly_when_it_holds_objects_the_runtime_guard_does_not_walk()
    {
        var compilation = GeneratorHarness.CreateCompilation(Source);
        var job = compilation.GetTypeByMetadataName("App.Job")!;
        var spec = PersistableGenerator.Parser.ParseSchema(job, compilation, CancellationToken.None);
        var document = SchemaDocument.Parse(SchemaDocumentText.Write("job", "Job", spec));
        Assert.Equal(22, document.Members.Count);

        foreach (var member in document.Members)
        {
            var type = job.GetMembers(member.Name).OfType<IPropertySymbol>().Single().Type;
            var gap = SchemaShapes.GuardGapOf(type);
            var holdsObjects = NestingGuard.HoldsObjects(document, member.Shape);
            var walked = holdsObjects && SchemaWalker.IsDecodable(document, member.Shape);

            if (walked)
            {
                Assert.True(gap is null, $"{member.Name} ({member.Shape}) is walked by the guard but reported: {gap}");
            }

            if (holdsObjects && !walked)
            {
                Assert.True(gap is not null, $"{member.Name} ({member.Shape}) holds objects the guard does not walk, and is not reported");
            }

            Assert.Equal(Reported.TryGetValue(member.Name, out var kind) ? kind : null, gap?.Kind);
        }
    }
}
