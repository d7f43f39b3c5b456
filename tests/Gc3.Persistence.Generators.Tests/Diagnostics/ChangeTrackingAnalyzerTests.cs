namespace Gc3.Persistence.Generators.Tests.Diagnostics;

public class ChangeTrackingAnalyzerTests : AnalyzerTests<ChangeTrackingAnalyzer>
{
    [Fact]
    public Task GC3P014_names_members_that_are_not_partial_and_members_of_mutable_types()
        => VerifyAsync(/* lang=c# */ """
            using System.Collections.Generic;
            using Gc3.Persistence;

            namespace App;

            [Persistable]
            public partial class {|#0:Job|}
            {
                public partial string Name { get; set; }

                public int {|#1:Cores|} { get; set; }

                public long {|#2:MemoryMB|};

                public partial List<string> {|#3:Arguments|} { get; set; }
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.NotFullyTracked).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
                .WithArguments("App.Job", "Cores, MemoryMB are not partial properties; Arguments has a type whose contents can change without its setter"));

    [Fact]
    public Task GC3P014_is_silent_for_a_fully_tracked_type_and_for_types_the_generator_skips()
        => VerifyAsync(/* lang=c# */ """
            using System;
            using Gc3.Persistence;

            [Persistable]
            public partial class Executable
            {
                public partial string Path { get; set; }

                public partial int? Version { get; set; }

                public partial Guid Key { get; init; }

                public partial Executable? Parent { get; set; }

                [PersistIgnore]
                public int Scratch { get; set; }
            }

            [Persistable]
            public class NotPartial
            {
                public int Cores { get; set; }
            }
            """);

    // The generated PersistentId and Changed are in the compilation (the method below uses them): they are
    // the generator's own members, not user-declared clashes, so the type is still reported.
    [Fact]
    public Task GC3P014_is_reported_with_the_generated_members_in_the_compilation()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            namespace App;

            [Persistable]
            public partial class {|#0:Job|}
            {
                public partial string Name { get; set; }

                public int {|#1:Cores|} { get; set; }

                public bool IsNew() => PersistentId is null && !Changed;
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.NotFullyTracked).WithLocation(0).WithLocation(1)
                .WithArguments("App.Job", "Cores is not a partial property"));

    [Fact]
    public Task GC3P014_does_not_name_the_partial_properties_of_a_derived_type()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            namespace App;

            [Persistable]
            public abstract partial class Task
            {
                public partial string Name { get; set; }
            }

            [Persistable]
            public partial class Job : Task
            {
                public partial int? Cores { get; set; }

                public partial Job? Next { get; set; }
            }

            [Persistable]
            public partial class {|#0:GpuJob|} : Job
            {
                public partial int? Gpus { get; set; }

                public int {|#1:Memory|} { get; set; }
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.NotFullyTracked).WithLocation(0).WithLocation(1)
                .WithArguments("App.GpuJob", "Memory is not a partial property"));
}
