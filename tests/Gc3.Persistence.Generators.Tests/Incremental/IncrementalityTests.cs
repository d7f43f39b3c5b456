namespace Gc3.Persistence.Generators.Tests.Incremental;

/// <summary>
/// An edit that touches no persistable type reruns nothing past the parse (every tracked step Cached or
/// Unchanged, every output Cached); a real change to a persistable type does rerun.
/// </summary>
public class IncrementalityTests
{
    private const string Model = /* lang=c# */ """
        using System.Collections.Generic;
        using Gc3.Persistence;

        namespace App;

        [Persistable("job")]
        public partial class Job
        {
            public partial string Name { get; set; }

            public List<Job> Children { get; set; } = [];

            public int Cost() => 1 + 1;
        }

        [Persistable]
        public partial class Executable
        {
            public partial string Path { get; set; }
        }
        """;

    private const string Other = /* lang=c# */ """
        namespace App;

        public static class Helpers
        {
            public static int Twice(int x) => x * 2;
        }
        """;

    [Fact]
    public void Adding_an_unrelated_class_reruns_nothing()
    {
        var (driver, compilation) = FirstRun();
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace App; public class Unrelated { public int X { get; set; } }", GeneratorHarness.ParseOptions, path: "Unrelated.cs"));

        Incrementality.AssertCached(driver, edited);
    }

    [Fact]
    public void Changing_a_method_body_in_a_persistable_type_or_elsewhere_reruns_nothing()
    {
        var (driver, compilation) = FirstRun();
        var edited = GeneratorHarness.ReplaceSource(compilation, 0, Model.Replace("1 + 1", "2 + 40"));
        edited = GeneratorHarness.ReplaceSource(edited, 1, Other.Replace("x * 2", "x + x"));

        Incrementality.AssertCached(driver, edited);
    }

    [Fact]
    public void Editing_a_comment_in_an_unrelated_file_regenerates_nothing()
    {
        var (driver, compilation) = FirstRun();
        var edited = GeneratorHarness.ReplaceSource(compilation, 1, Other.Replace("public static class Helpers", "// Helpers no persistable type uses.\npublic static class Helpers"));

        Incrementality.AssertCached(driver, edited);
    }

    [Fact]
    public void Editing_one_type_rewrites_its_file_only_and_leaves_the_registration_alone()
    {
        var (driver, compilation) = FirstRun();
        var edited = GeneratorHarness.ReplaceSource(compilation, 0, Model.Replace("public int Cost()", "public partial int Cores { get; set; }\n\n    public int Cost()"));

        driver = driver.RunGenerators(edited);
        var result = driver.GetRunResult().Results.Single();

        // The parse: Job's spec is new, Executable's equal to the first run's.
        Assert.Equal(IncrementalStepRunReason.Modified, Incrementality.SpecReason(result, "App.Job"));
        Assert.Contains(Incrementality.SpecReason(result, "App.Executable"), Incrementality.Unchanged);

        // The source outputs: one per type, only Job's written again.
        var outputs = Incrementality.TypeOutputs(result);
        Assert.Equal(2, outputs.Count);
        Assert.Contains(IncrementalStepRunReason.Modified, Incrementality.Reasons([outputs["App.Job"]]));
        Assert.All(Incrementality.Reasons([outputs["App.Executable"]]), r => Assert.Equal(IncrementalStepRunReason.Cached, r));

        // The registration: the facts it registers (names, formatters) did not change, so it is not rebuilt.
        Assert.All(Incrementality.Reasons(result.TrackedSteps[TrackingNames.RegisteredTypes]), r => Assert.Contains(r, Incrementality.Unchanged));
        Assert.All(Incrementality.Reasons(result.TrackedSteps[TrackingNames.Registration]), r => Assert.Contains(r, Incrementality.Unchanged));
        Assert.Contains("Cores", GeneratorHarness.GeneratedFile(driver, "App.Job.Persistable.g.cs"));
    }

    [Fact]
    public void A_member_type_that_becomes_persistable_in_another_file_changes_the_output_of_the_type_holding_it()
    {
        const string holder = /* lang=c# */ """
            using Gc3.Persistence;

            namespace App;

            [Persistable]
            public partial class Holder
            {
                public partial string Name { get; set; }

                public Tool? Tool { get; set; }
            }
            """;
        const string tool = /* lang=c# */ """
            namespace App;

            public partial class Tool
            {
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation([holder, tool], "TestApp");
        var (driver, _, _) = GeneratorHarness.Run(compilation);
        var before = GeneratorHarness.GeneratedFile(driver, "App.Holder.Persistable.g.cs");
        Assert.DoesNotContain("global::App.Tool", before, StringComparison.Ordinal); // not serializable yet: skipped, the analyzer says why

        // Only Tool's file changes; Holder's declaration is untouched, and its output must still follow.
        var edited = GeneratorHarness.ReplaceSource(compilation, 1, "using Gc3.Persistence;\n" + tool.Replace("public partial class Tool", "[Persistable]\npublic partial class Tool"));
        driver = driver.RunGenerators(edited);
        var result = driver.GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Modified, Incrementality.SpecReason(result, "App.Holder"));
        Assert.Contains("global::App.Tool", GeneratorHarness.GeneratedFile(driver, "App.Holder.Persistable.g.cs"), StringComparison.Ordinal);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "App.Tool.Persistable.g.cs");
    }

    [Fact]
    public void Parsing_the_same_source_twice_gives_equal_specs_that_are_not_the_same_objects()
    {
        var first = Specs(GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Model)).Driver);
        var second = Specs(GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Model)).Driver);

        Assert.Equal(2, first.Count);
        Assert.Equal(first, second);
        Assert.Equal(first.Select(s => s.GetHashCode()), second.Select(s => s.GetHashCode()));
        Assert.All(first.Zip(second), pair => Assert.NotSame(pair.First, pair.Second));
    }

    private static List<object> Specs(GeneratorDriver driver)
        => driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.PersistableTypes]
            .SelectMany(s => s.Outputs).Select(o => o.Value).ToList();

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun()
    {
        var compilation = GeneratorHarness.CreateCompilation([Model, Other], "TestApp");
        var (driver, _) = GeneratorHarness.RunClean(compilation);
        return (driver, compilation);
    }
}
