using Gc3.Persistence.CodeFixes;

namespace Gc3.Persistence.Generators.Tests.CodeFixes;

public class AddPartialCodeFixTests : CodeFixTests<PartialTypeAnalyzer, AddPartialCodeFixProvider>
{
    [Fact]
    public Task Adds_partial_to_a_class_without_modifiers_keeping_its_attribute_and_indentation()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            namespace App
            {
                [Persistable]
                class {|GC3P001:Job|}
                {
                }
            }
            """, /* lang=c# */ """
            using Gc3.Persistence;

            namespace App
            {
                [Persistable]
                partial class Job
                {
                }
            }
            """);

    [Fact]
    public Task Adds_partial_to_the_type_and_every_containing_type_after_their_other_modifiers()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            public static class {|GC3P001:Outer|}
            {
                internal sealed partial class Middle
                {
                    [Persistable("inner")]
                    public sealed class {|GC3P001:Inner|}
                    {
                    }
                }
            }
            """, /* lang=c# */ """
            using Gc3.Persistence;

            public static partial class Outer
            {
                internal sealed partial class Middle
                {
                    [Persistable("inner")]
                    public sealed partial class Inner
                    {
                    }
                }
            }
            """);

    [Fact]
    public Task Fixes_every_type_of_a_document_at_once()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            [Persistable]
            public class {|GC3P001:Job|}
            {
            }

            [Persistable]
            public record {|GC3P001:Note|}
            {
            }
            """, /* lang=c# */ """
            using Gc3.Persistence;

            [Persistable]
            public partial class Job
            {
            }

            [Persistable]
            public partial record Note
            {
            }
            """);
}
