namespace Gc3.Persistence.Generators.Tests.Diagnostics;

public class PersistableTypeAnalyzerTests : AnalyzerTests<PersistableTypeAnalyzer>
{
    [Fact]
    public Task GC3P004_fires_on_a_static_class_with_the_reason()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            [{|#0:Persistable|}]
            public static partial class Settings
            {
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.UnsupportedTypeKind).WithLocation(0)
                .WithArguments("Settings", "it is a static class, which has no instances to persist"));

    [Fact]
    public Task GC3P004_fires_on_a_generic_type_definition_and_on_a_type_nested_in_one()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            [{|GC3P004:Persistable|}]
            public partial class Box<T>
            {
                public T? Value { get; set; }
            }

            public partial class Outer<T>
            {
                [{|#0:Persistable("inner")|}]
                public partial class Inner
                {
                }
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.UnsupportedTypeKind).WithLocation(0)
                .WithArguments("Outer<T>.Inner", "it is nested in the generic type 'Outer<T>'"));

    [Fact]
    public Task GC3P004_fires_on_a_struct_and_a_record_struct_next_to_the_compilers_own_error()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            [{|GC3P004:{|CS0592:Persistable|}|}]
            public partial struct Point
            {
                public int X { get; set; }
            }

            [{|GC3P004:{|CS0592:Persistable|}|}]
            public partial record struct Size(int Width, int Height);
            """);

    [Fact]
    public Task GC3P003_fires_without_a_parameterless_constructor()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            [Persistable]
            public partial class {|#0:Job|}
            {
                public Job(string name) => Name = name;

                public string Name { get; set; }
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.NoParameterlessConstructor).WithLocation(0).WithArguments("Job"));

    [Fact]
    public Task GC3P003_is_silent_for_primary_constructors_of_records_and_classes()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            [Persistable]
            public partial record Step(string Name);

            [Persistable]
            public partial class Account(string owner)
            {
                public string Owner { get; } = owner;
            }
            """);

    [Fact]
    public Task GC3P003_is_silent_for_private_parameterless_constructors_abstract_types_and_implicit_constructors()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            [Persistable]
            public partial class Job
            {
                private Job() => Name = "";

                public Job(string name) => Name = name;

                public string Name { get; set; }
            }

            [Persistable]
            public abstract partial class Task
            {
                protected Task(int priority) => Priority = priority;

                public int Priority { get; set; }
            }

            [Persistable]
            public partial class Plain
            {
            }
            """);

    [Fact]
    public Task GC3P013_fires_on_a_user_declared_PersistentId_or_Changed()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            [Persistable]
            public partial class Job
            {
                public bool {|#0:Changed|} { get; set; }

                public string? {|GC3P013:PersistentId|};
            }

            [Persistable]
            public partial class Base
            {
            }

            [Persistable]
            public partial class Derived : Base
            {
                public bool {|GC3P013:Changed|} => true;
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.GeneratedMemberClash).WithLocation(0).WithArguments("Job", "Changed"));

    // C# forbids a member named like its type (CS0542): the generator leaves such a root type out, and the
    // harness, which compiles the generated code too, would fail on that error had it not.
    [Fact]
    public Task GC3P013_fires_on_a_root_type_named_like_a_generated_member_and_no_compiler_error_follows()
        => VerifyAsync(/* lang=c# */ """
            [Gc3.Persistence.Persistable]
            public partial class {|#0:Changed|} { public string? Note { get; set; } }

            [Gc3.Persistence.Persistable]
            public partial class PersistentIdHolder { }

            [Gc3.Persistence.Persistable]
            public partial class PersistentId : PersistentIdHolder { }
            """,
            new DiagnosticResult(DiagnosticDescriptors.GeneratedMemberClash).WithLocation(0).WithArguments("Changed", "Changed"));

    // GC3P027: a partial property the generator leaves out gets no implementation; the compiler's CS9248 says
    // only that, GC3P027 says why and what to write instead.
    [Fact]
    public Task GC3P027_fires_on_an_ignored_a_static_and_a_get_only_partial_property_with_the_reason()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            namespace App;

            [Persistable]
            public partial class Job
            {
                public partial string Name { get; set; }

                [PersistIgnore]
                public partial string {|#0:Scratch|} { get; set; }

                public static partial int {|#1:Count|} { get; set; }

                public partial string {|#2:Label|} { get; }
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.UnimplementedPartial).WithLocation(0)
                .WithArguments("App.Job", "Scratch", "the member is marked [PersistIgnore]"),
            DiagnosticResult.CompilerError("CS9248").WithLocation(0).WithArguments("App.Job.Scratch"),
            new DiagnosticResult(DiagnosticDescriptors.UnimplementedPartial).WithLocation(1)
                .WithArguments("App.Job", "Count", "the member is static, so it is not persisted"),
            DiagnosticResult.CompilerError("CS9248").WithLocation(1).WithArguments("App.Job.Count"),
            new DiagnosticResult(DiagnosticDescriptors.UnimplementedPartial).WithLocation(2)
                .WithArguments("App.Job", "Label", "it has no set or init accessor, and only a partial property with one is persisted and implemented"),
            DiagnosticResult.CompilerError("CS9248").WithLocation(2).WithArguments("App.Job.Label"));

    [Fact]
    public Task GC3P027_is_silent_for_persisted_partial_properties_and_ones_the_user_implements()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            namespace App;

            [Persistable]
            public partial class Job
            {
                public partial string Name { get; set; }

                public partial string Note { get; init; }

                [PersistIgnore]
                public partial string Scratch { get; set; }

                public partial string Scratch { get => field ?? ""; set => field = value; }
            }
            """);

    [Fact]
    public Task Is_silent_for_a_well_formed_persistable_class_and_record()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            namespace App;

            [Persistable("job")]
            public partial class Job
            {
                public string Name { get; set; } = "";

                public bool IsChanged { get; set; }
            }

            [Persistable]
            public partial record Note
            {
                public string Text { get; init; } = "";
            }

            public partial class Outer
            {
                [Persistable]
                public sealed partial class Inner
                {
                }
            }
            """);
}
