using Gc3.Persistence.CodeFixes;

namespace Gc3.Persistence.Generators.Tests.CodeFixes;

public class PartialPropertyCodeFixTests : CodeFixTests<ChangeTrackingAnalyzer, PartialPropertyCodeFixProvider>
{
    [Fact]
    public Task Makes_auto_properties_partial_and_adds_a_constructor_for_their_initializers()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            [Persistable]
            public partial class {|#0:Executable|}
            {
                public string {|#1:Path|} { get; set; } = "/bin/true";

                public int {|#2:Version|} { get; init; }

                public partial string Checksum { get; set; }
            }
            """, /* lang=c# */ """
            using Gc3.Persistence;

            [Persistable]
            public partial class Executable
            {
                public Executable()
                {
                    this.Path = "/bin/true";
                }

                public partial string Path { get; set; }

                public partial int Version { get; init; }

                public partial string Checksum { get; set; }
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.NotFullyTracked).WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("Executable", "Path, Version are not partial properties"));

    [Fact]
    public Task Moves_initializers_into_existing_constructors_and_leaves_fields_and_mutable_types_alone()
        => VerifyAsync(/* lang=c# */ """
            using System.Collections.Generic;
            using Gc3.Persistence;

            [Persistable]
            public partial class {|#0:Job|}
            {
                public Job()
                {
                    Cores = 1;
                }

                public Job(string name) : this() => Name = name;

                public Job(int cores) => Cores = cores;

                public string {|#1:Name|} { get; set; } = "job";

                public virtual int {|#2:Cores|} { get; set; }

                public long {|#3:MemoryMB|};

                public List<string> {|#4:Arguments|} { get; set; } = new();
            }
            """, /* lang=c# */ """
            using System.Collections.Generic;
            using Gc3.Persistence;

            [Persistable]
            public partial class Job
            {
                public Job()
                {
                    this.Name = "job";
                    Cores = 1;
                }

                public Job(string name) : this() => Name = name;

                public Job(int cores)
                {
                    this.Name = "job";
                    Cores = cores;
                }

                public partial string Name { get; set; }

                public virtual partial int Cores { get; set; }

                public long MemoryMB;

                public List<string> Arguments { get; set; } = new();
            }
            """,
            [new DiagnosticResult(DiagnosticDescriptors.NotFullyTracked).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithLocation(4)
                .WithArguments("Job", "Name, Cores, MemoryMB are not partial properties; Arguments has a type whose contents can change without its setter")],
            [new DiagnosticResult(DiagnosticDescriptors.NotFullyTracked).WithSpan(5, 22, 5, 25).WithSpan(25, 17, 25, 25).WithSpan(27, 25, 27, 34)
                .WithArguments("Job", "MemoryMB is not a partial property; Arguments has a type whose contents can change without its setter")]);
}
