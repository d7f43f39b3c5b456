namespace Gc3.Persistence.CompileBenchmarks;

/// <summary>
/// Writes a project of generated-looking model types, one file each: eight members per type (a string,
/// an int, a <c>List&lt;string&gt;</c>, a <c>Dictionary&lt;string, string&gt;</c>, an enum, a nullable int, a
/// <c>DateTime</c>, a reference to the next type), plus one unrelated file that the comment edit changes.
/// </summary>
internal static class ModelSource
{
    public const string UnrelatedFile = "Helpers.cs";
    public const string EnumFile = "Status.cs";

    /// <summary>The file of type <paramref name="index"/>, the one the member edit changes for index 0.</summary>
    public static string TypeFile(int index) => $"{TypeName(index)}.cs";

    public static string TypeName(int index) => "Item" + index.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Every file of the project, by file name.</summary>
    public static IReadOnlyList<(string Path, string Text)> Files(Flavour flavour, int count)
    {
        var files = new List<(string, string)>
        {
            (EnumFile, Enum),
            (UnrelatedFile, Unrelated("first")),
        };
        for (var i = 0; i < count; i++)
        {
            files.Add((TypeFile(i), Type(flavour, i, count, editedMember: false)));
        }

        return files;
    }

    /// <summary>The unrelated file, whose comment carries <paramref name="note"/>.</summary>
    public static string Unrelated(string note) => $$"""
        namespace Bench.Model;

        // A helper that no persistable type uses; this comment changes: {{note}}.
        public static class Helpers
        {
            public static int Twice(int value) => value * 2;
        }
        """;

    /// <summary>
    /// The source of one type. <paramref name="editedMember"/> renames its int member, the edit a developer
    /// makes to one type (it changes that type's serialized layout).
    /// </summary>
    public static string Type(Flavour flavour, int index, int count, bool editedMember)
    {
        var name = TypeName(index);
        var next = TypeName((index + 1) % count);
        var persistable = flavour == Flavour.Persistable;
        // Every other persistable type declares its name as a partial property (change tracking).
        var partial = persistable && index % 2 == 0 ? "partial " : "";
        var initializer = partial.Length > 0 ? "" : " = \"\";";
        return $$"""
            using System;
            using System.Collections.Generic;
            {{(persistable ? "using Gc3.Persistence;" : "using MemoryPack;")}}

            namespace Bench.Model;

            /// <summary>Generated model type {{index}}.</summary>
            [{{(persistable ? "Persistable" : "MemoryPackable")}}]
            public partial class {{name}}
            {
                public {{partial}}string Name { get; set; }{{initializer}}

                public int {{(editedMember ? "Total" : "Count")}} { get; set; }

                public List<string> Tags { get; set; } = new();

                public Dictionary<string, string> Labels { get; set; } = new();

                public Status State { get; set; }

                public int? Limit { get; set; }

                public DateTime CreatedAt { get; set; }

                public {{next}}? Next { get; set; }

                public override string ToString() => Name;
            }

            """;
    }

    private const string Enum = """
        namespace Bench.Model;

        public enum Status
        {
            Pending,
            Running,
            Done,
        }
        """;
}
