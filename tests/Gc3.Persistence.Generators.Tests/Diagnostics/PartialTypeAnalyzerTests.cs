namespace Gc3.Persistence.Generators.Tests.Diagnostics;

public class PartialTypeAnalyzerTests : AnalyzerTests<PartialTypeAnalyzer>
{
    [Fact]
    public Task GC3P001_fires_on_a_persistable_class_that_is_not_partial()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            [Persistable]
            public class {|GC3P001:Job|}
            {
                public string Name { get; set; } = "";
            }
            """);

    [Fact]
    public Task GC3P001_fires_on_each_containing_type_that_is_not_partial_and_names_the_persistable_type()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            namespace App;

            public class {|#0:Outer|}
            {
                public partial class Middle
                {
                    [Persistable]
                    public partial class Inner
                    {
                    }
                }
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.TypeNotPartial).WithLocation(0).WithArguments("App.Outer", "App.Outer.Middle.Inner"));

    [Fact]
    public Task GC3P001_is_silent_for_partial_types_and_for_types_that_are_not_persistable()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            public partial class Outer
            {
                [Persistable]
                public partial class Job
                {
                }
            }

            public class Plain
            {
                public class Nested
                {
                }
            }
            """);
}
