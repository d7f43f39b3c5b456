namespace Gc3.Persistence.Generators.Tests.Diagnostics;

public class TypeTagAnalyzerTests : AnalyzerTests<TypeTagAnalyzer>
{
    [Fact]
    public Task GC3P005_fires_on_both_types_that_share_a_tag_including_a_default_tag()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            namespace App;

            [Persistable({|#0:"job"|})]
            public partial class Job
            {
            }

            [Persistable({|#1:"job"|})]
            public partial class OldJob
            {
            }

            [{|GC3P005:Persistable|}]
            public partial class Task
            {
            }

            [Persistable({|GC3P005:"App.Task"|})]
            public partial class Chore
            {
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.DuplicateTag).WithLocation(0).WithArguments("job", "App.Job", "App.OldJob"),
            new DiagnosticResult(DiagnosticDescriptors.DuplicateTag).WithLocation(1).WithArguments("job", "App.OldJob", "App.Job"));

    [Fact]
    public Task GC3P005_is_silent_for_abstract_types_which_are_never_registered()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            [Persistable("job")]
            public abstract partial class JobBase
            {
            }

            [Persistable("job")]
            public partial class Job : JobBase
            {
            }
            """);

    [Fact]
    public Task GC3P006_fires_on_a_tag_used_by_a_type_in_a_referenced_library()
    {
        var library = TestLibraries.ExecutableLibrary("Jobs.Library");
        return VerifyAsync(
            [/* lang=c# */ """
            using Gc3.Persistence;

            namespace App;

            [Persistable({|#0:"lib.executable"|})]
            public partial class MyExecutable
            {
            }

            [Persistable("my-task")]
            public partial class MyTask
            {
            }
            """],
            [library],
            [new DiagnosticResult(DiagnosticDescriptors.TagClashesWithReference).WithLocation(0).WithArguments("lib.executable", "App.MyExecutable", "Lib.Executable", "Jobs.Library")]);
    }

    [Fact]
    public Task GC3P006_sees_internal_types_of_a_referenced_library_too()
    {
        var library = TestLibraries.Compile("Hidden.Library", "namespace Lib; [Gc3.Persistence.Persistable(\"job\")] internal partial class Job { }");
        return VerifyAsync(
            ["[Gc3.Persistence.Persistable({|#0:\"job\"|})] public partial class MyJob { }"],
            [library],
            [new DiagnosticResult(DiagnosticDescriptors.TagClashesWithReference).WithLocation(0).WithArguments("job", "MyJob", "Lib.Job", "Hidden.Library")]);
    }

    [Fact]
    public Task GC3P007_fires_in_an_application_that_references_two_libraries_with_one_tag()
    {
        var first = TestLibraries.Compile("First", "namespace A; [Gc3.Persistence.Persistable(\"job\")] public partial class Job { }");
        var second = TestLibraries.Compile("Second", "namespace B; [Gc3.Persistence.Persistable(\"job\")] public partial class Work { } [Gc3.Persistence.Persistable] public partial class Other { }");
        return VerifyAsync(
            ["public static class Program { public static void Main() { } }"],
            [first, second],
            [new DiagnosticResult(DiagnosticDescriptors.ReferencedTagsClash).WithArguments("A.Job", "First", "B.Work", "Second", "job")]);
    }

    /// <summary>What GC3P018 asks of an ID prefix.</summary>
    private const string PrefixRule = "use 1 to 128 ASCII letters, digits, '_', '-' or '.', starting with a letter, digit or '_'";

    [Fact]
    public Task GC3P018_fires_on_an_empty_or_oversized_tag_and_an_invalid_explicit_or_default_prefix()
        => VerifyAsync(/* lang=c# */ $$"""
            using Gc3.Persistence;

            [Persistable({|GC3P018:""|})]
            public partial class Empty
            {
            }

            [Persistable({|GC3P018:"{{new string('t', 1025)}}"|})]
            public partial class Long
            {
            }

            [Persistable("job", {|#0:IdPrefix = "../job"|})]
            public partial class Job
            {
            }

            [{|#1:Persistable|}]
            public partial class Größe
            {
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.InvalidTagOrPrefix).WithLocation(0).WithArguments("ID prefix", "../job", "Job", PrefixRule),
            new DiagnosticResult(DiagnosticDescriptors.InvalidTagOrPrefix).WithLocation(1)
                .WithArguments("ID prefix", "Größe", "Größe", PrefixRule + " (the class name is the default; set IdPrefix)"));

    [Fact]
    public Task Is_silent_for_distinct_valid_tags_and_prefixes()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            namespace App;

            [Persistable("job", IdPrefix = "job")]
            public partial class Job
            {
            }

            [Persistable(IdPrefix = "exe-1.x")]
            public partial class Executable
            {
            }

            [Persistable]
            public partial class Collection
            {
            }
            """);
}
