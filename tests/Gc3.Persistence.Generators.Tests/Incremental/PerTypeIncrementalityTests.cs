using Gc3.Persistence.Generators.Helpers;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gc3.Persistence.Generators.Tests.Incremental;

/// <summary>
/// A project of several files, as the compile-time benchmark edits it: after an edit only the edited type is
/// parsed again (with the types whose members name it) and only its file is written again, an edit elsewhere
/// parses and writes nothing, and an edit another type's output depends on (a member type, a base type in
/// another file) still reaches that output.
/// </summary>
public class PerTypeIncrementalityTests
{
    private const string Job = /* lang=c# */ """
        using Gc3.Persistence;

        namespace App;

        [Persistable]
        public partial class Job
        {
            public partial string Name { get; set; }

            public Gear Gear { get; set; }

            public int Cost() => 1 + 1;
        }
        """;

    private const string Executable = /* lang=c# */ """
        using Gc3.Persistence;

        namespace App;

        [Persistable]
        public partial class Executable
        {
            public string Path { get; set; } = "";
        }
        """;

    private const string Holder = /* lang=c# */ """
        using Gc3.Persistence;

        namespace App;

        [Persistable]
        public partial class Holder
        {
            public Job? Main { get; set; }
        }
        """;

    private const string Helpers = /* lang=c# */ """
        namespace App;

        public static class Helpers
        {
            public static int Twice(int x) => x * 2;
        }
        """;

    private const string Gear = /* lang=c# */ """
        namespace App;

        public struct Gear
        {
            public int Teeth { get; set; }
        }
        """;

    private const string Base = /* lang=c# */ """
        using Gc3.Persistence;

        namespace App;

        [Persistable]
        public abstract partial class Base
        {
            public string Owner { get; set; } = "";
        }
        """;

    private const string Derived = /* lang=c# */ """
        using Gc3.Persistence;

        namespace App;

        [Persistable]
        public partial class Derived : Base
        {
            public int Size { get; set; }
        }
        """;

    private static readonly string[] Sources = [Job, Executable, Holder, Helpers, Gear, Base, Derived];

    private static readonly string[] Types = ["Job", "Executable", "Holder", "Base", "Derived"];

    [Fact]
    public void Comments_and_bodies_edited_anywhere_parse_only_the_types_of_the_edited_files_and_write_nothing()
    {
        var (driver, compilation) = FirstRun();
        var edited = GeneratorHarness.ReplaceSource(compilation, 0, Job.Replace("1 + 1", "2 + 40").Replace("[Persistable]", "// A job.\n[Persistable]"));
        edited = GeneratorHarness.ReplaceSource(edited, 3, Helpers.Replace("x * 2", "x + x") + "\n// the end\n");
        edited = GeneratorHarness.ReplaceSource(edited, 6, Derived.Replace("    public int Size", "    // how big\n    public int Size"));

        // A type in an edited file is parsed again (its declaration is a new node), to an equal spec; no other is.
        Assert.All(["Executable", "Holder", "Base"], type => Assert.True(HasCurrentSpec(edited, type), $"{type} would be parsed again"));
        Incrementality.AssertCached(driver, edited);
    }

    [Fact]
    public void A_declaration_edited_in_an_unrelated_file_keeps_every_spec_and_writes_nothing()
    {
        var (driver, compilation) = FirstRun();
        var edited = GeneratorHarness.ReplaceSource(compilation, 3, Helpers.Replace("public static int Twice", "public static int Thrice(int x) => x * 3;\n\n    public static int Twice"));

        Assert.All(Types, type => Assert.True(HasCurrentSpec(edited, type), $"{type} would be parsed again"));
        Incrementality.AssertCached(driver, edited);
    }

    [Fact]
    public void A_member_edited_in_one_type_parses_it_and_the_types_naming_it_and_writes_its_file_only()
    {
        var (driver, compilation) = FirstRun();
        var edited = GeneratorHarness.ReplaceSource(compilation, 0, Job.Replace("public int Cost()", "public int Cores { get; set; }\n\n    public int Cost()"));

        Assert.False(HasCurrentSpec(edited, "Job"));
        Assert.False(HasCurrentSpec(edited, "Holder")); // its member names Job: parsed again, to an equal spec
        Assert.All(["Executable", "Base", "Derived"], type => Assert.True(HasCurrentSpec(edited, type), $"{type} would be parsed again"));

        driver = driver.RunGenerators(edited);
        var result = driver.GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Modified, Incrementality.SpecReason(result, "App.Job"));
        Assert.All(["Executable", "Holder", "Base", "Derived"], type => Assert.Contains(Incrementality.SpecReason(result, "App." + type), Incrementality.Unchanged));

        var outputs = Incrementality.TypeOutputs(result);
        Assert.Equal(Types.Length, outputs.Count);
        Assert.All(outputs, pair => Assert.All(
            Incrementality.Reasons([pair.Value]),
            reason => Assert.Equal(pair.Key == "App.Job" ? IncrementalStepRunReason.Modified : IncrementalStepRunReason.Cached, reason)));
        Assert.Contains("Cores", Generated(driver, "Job"), StringComparison.Ordinal);
        Assert.All(Incrementality.Reasons(result.TrackedSteps[TrackingNames.Registration]), r => Assert.Contains(r, Incrementality.Unchanged));
    }

    [Fact]
    public void A_struct_member_type_that_stops_being_unmanaged_in_another_file_changes_the_output_of_the_type_holding_it()
    {
        var (driver, compilation) = FirstRun();
        var before = Generated(driver, "Job");
        Assert.Contains("global::App.Gear", before, StringComparison.Ordinal);

        // A string field makes Gear managed, and MemoryPack has no serializer for it: Job's member is skipped
        // (the analyzer says why). Only Gear's file changed.
        var edited = GeneratorHarness.ReplaceSource(compilation, 4, Gear.Replace("public int Teeth { get; set; }", "public int Teeth { get; set; }\n\n    public string Label { get; set; }"));
        Assert.False(HasCurrentSpec(edited, "Job"));
        Assert.True(HasCurrentSpec(edited, "Executable"));

        driver = driver.RunGenerators(edited);
        Assert.DoesNotContain("global::App.Gear", Generated(driver, "Job"), StringComparison.Ordinal);
        var outputs = Incrementality.TypeOutputs(driver.GetRunResult().Results.Single());
        Assert.All(outputs.Where(pair => pair.Key != "App.Job"), pair => Assert.All(Incrementality.Reasons([pair.Value]), r => Assert.Equal(IncrementalStepRunReason.Cached, r)));
    }

    [Fact]
    public void A_base_type_edited_in_another_file_changes_the_output_of_the_derived_type()
    {
        var (driver, compilation) = FirstRun();
        var before = Generated(driver, "Derived");

        // A required member in the base: the derived type's serializer must create instances without running it.
        var edited = GeneratorHarness.ReplaceSource(compilation, 5, Base.Replace("public string Owner { get; set; } = \"\";", "public required string Owner { get; set; }"));
        Assert.False(HasCurrentSpec(edited, "Derived"));

        var (after, _) = GeneratorHarness.RunClean(edited, driver);
        Assert.NotEqual(before, Generated(after, "Derived"));
    }

    [Fact]
    public void A_constant_an_attribute_names_edited_in_another_file_changes_the_output_of_the_type_it_tags()
    {
        const string tagged = /* lang=c# */ """
            using Gc3.Persistence;

            namespace App;

            [Persistable(Tags.Job, IdPrefix = Tags.Prefix)]
            public partial class Tagged
            {
                [PersistName(Tags.Name)]
                public string Name { get; set; } = "";
            }
            """;
        const string tags = /* lang=c# */ """
            namespace App;

            public static class Tags
            {
                public const string Job = "job-v1";

                public const string Prefix = "j";

                public const string Name = "name-v1";
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation([tagged, tags], "TestApp");
        var (driver, _, _) = GeneratorHarness.Run(compilation);
        var before = Generated(driver, "Tagged");
        Assert.Contains("\"job-v1\"", before, StringComparison.Ordinal);

        var edited = GeneratorHarness.ReplaceSource(compilation, 1, tags.Replace("job-v1", "job-v2").Replace("name-v1", "name-v2"));
        driver = driver.RunGenerators(edited);
        var after = Generated(driver, "Tagged");
        Assert.Contains("\"job-v2\"", after, StringComparison.Ordinal);
        Assert.NotEqual(before.Replace("job-v1", "job-v2", StringComparison.Ordinal), after); // the member's key follows its stored name
    }

    [Fact]
    public void An_enum_a_memorypackable_member_reaches_edited_in_another_file_changes_the_schema_of_the_type_holding_it()
    {
        const string holder = /* lang=c# */ """
            using Gc3.Persistence;

            namespace App;

            [Persistable]
            public partial class Holder
            {
                public Step? Step { get; set; }
            }
            """;
        const string step = /* lang=c# */ """
            using MemoryPack;

            namespace App;

            [MemoryPackable]
            public partial class Step
            {
                public Phase Phase { get; set; }
            }
            """;
        const string phase = /* lang=c# */ """
            namespace App;

            public enum Phase { New, Done }
            """;
        const string other = /* lang=c# */ """
            using Gc3.Persistence;

            namespace App;

            [Persistable]
            public partial class Other
            {
                public int Size { get; set; }
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation([holder, step, phase, other], "TestApp");
        var (driver, _, _) = GeneratorHarness.Run(compilation);
        var before = Generated(driver, "Holder");
        Assert.Contains("[\\\"New\\\",0]", before, StringComparison.Ordinal);

        // The enum gains a member in the middle, in a file that neither persistable type's declarations are in.
        var edited = GeneratorHarness.ReplaceSource(compilation, 2, phase.Replace("New, Done", "New, Queued, Done"));
        Assert.False(HasCurrentSpec(edited, "Holder"));
        Assert.True(HasCurrentSpec(edited, "Other"));

        var (after, _) = GeneratorHarness.RunClean(edited, driver);
        Assert.Contains("[\\\"Queued\\\",1]", Generated(after, "Holder"), StringComparison.Ordinal);
        Assert.NotEqual(before, Generated(after, "Holder"));
    }

    [Fact]
    public void A_file_added_or_changed_options_parse_every_type_again_to_equal_specs()
    {
        var (driver, compilation) = FirstRun();
        var added = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace App; public class Unrelated { }", GeneratorHarness.ParseOptions, path: "Unrelated.cs"));
        var options = compilation.WithOptions(((CSharpCompilationOptions)compilation.Options).WithNullableContextOptions(NullableContextOptions.Annotations));

        Assert.All(Types, type => Assert.False(HasCurrentSpec(added, type), $"{type} would not be parsed again"));
        Assert.All(Types, type => Assert.False(HasCurrentSpec(options, type), $"{type} would not be parsed again"));
        Incrementality.AssertCached(driver, added);
    }

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun()
    {
        var compilation = GeneratorHarness.CreateCompilation(Sources, "TestApp");
        var (driver, _) = GeneratorHarness.RunClean(compilation);
        Assert.All(Types, type => Assert.True(HasCurrentSpec(compilation, type), $"{type} has no spec kept"));
        return (driver, compilation);
    }

    private static bool HasCurrentSpec(Compilation compilation, string type)
    {
        var declaration = compilation.SyntaxTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            .Single(c => c.Identifier.ValueText == type);
        return ParseCache.HasCurrentSpec(declaration, compilation);
    }

    // The file of a type of the namespace App in the last run.
    private static string Generated(GeneratorDriver driver, string type)
        => GeneratorHarness.GeneratedFile(driver, $"App.{type}.Persistable.g.cs");
}
