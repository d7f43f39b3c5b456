namespace Gc3.Persistence.Generators.Tests.Diagnostics;

public class InheritanceAnalyzerTests : AnalyzerTests<InheritanceAnalyzer>
{
    [Fact]
    public Task GC3P015_fires_on_a_class_derived_from_a_persistable_type_without_the_attribute()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            [Persistable]
            public partial class Job
            {
            }

            public class Intermediate : Job
            {
            }

            public class {|#0:Special|} : Intermediate
            {
            }

            [Persistable]
            public partial class Marked : Job
            {
            }
            """,
            DiagnosticResult.CompilerWarning("GC3P015").WithSpan(8, 14, 8, 26),
            new DiagnosticResult(DiagnosticDescriptors.DerivedTypeNotPersistable).WithLocation(0).WithArguments("Special", "Job"));

    [Fact]
    public Task GC3P016_fires_on_a_base_class_whose_members_are_not_persisted()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            public abstract class Entity
            {
                public string Owner { get; set; } = "";

                public virtual int Revision { get; set; }

                public int Computed => 1;
            }

            [Persistable]
            public partial class Job : {|#0:Entity|}
            {
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.BaseMembersNotPersisted).WithLocation(0).WithArguments("Entity", "Job", "Owner, Revision", "mark 'Entity' [Persistable] too"));

    [Fact]
    public Task GC3P016_names_the_elements_of_a_collection_class_a_persistable_type_derives_from()
        => VerifyAsync(/* lang=c# */ """
            using System.Collections.Generic;
            using Gc3.Persistence;

            [Persistable]
            public partial class Tags : {|#0:HashSet<string>|}
            {
                public string Owner { get; set; } = "";
            }

            [Persistable]
            public partial class Steps : {|#1:List<string>|}
            {
            }

            [Persistable]
            public partial class Counts : {|#2:Dictionary<string, int>|}
            {
            }
            """,
            CollectionBaseResult(0, "System.Collections.Generic.HashSet<string>", "Tags", "its elements"),
            CollectionBaseResult(1, "System.Collections.Generic.List<string>", "Steps", "its elements, Capacity"),
            CollectionBaseResult(2, "System.Collections.Generic.Dictionary<string, int>", "Counts", "its elements"));

    [Fact]
    public Task GC3P016_is_silent_when_the_base_has_nothing_to_persist_or_the_type_overrides_it()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            public abstract class Behaviour
            {
                public abstract int Revision { get; set; }

                public void Run()
                {
                }
            }

            [Persistable]
            public partial class Job : Behaviour
            {
                public override int Revision { get; set; }
            }
            """);

    /// <summary>GC3P016 on <paramref name="type"/>, derived from a collection class of another assembly, which cannot be marked itself.</summary>
    private static DiagnosticResult CollectionBaseResult(int location, string collection, string type, string members)
        => new DiagnosticResult(DiagnosticDescriptors.BaseMembersNotPersisted).WithLocation(location).WithArguments(
            collection, type, members, $"a class of another assembly cannot be marked [Persistable]: hold the collection in a member of '{type}' instead");
}
