namespace Gc3.Persistence.Generators.Tests.Diagnostics;

public class MemberKeyAnalyzerTests : AnalyzerTests<MemberKeyAnalyzer>
{
    [Fact]
    public Task GC3P008_fires_on_the_second_member_pinned_to_a_key()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            [Persistable]
            public partial class Job
            {
                [PersistOrder(1)]
                public string Name { get; set; } = "";

                [PersistOrder({|#0:1|})]
                public int Cores { get; set; }
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.DuplicateOrderKey).WithLocation(0).WithArguments("Job", "Cores", "1", "Job.Name"));

    [Fact]
    public Task GC3P008_fires_on_a_derived_member_pinned_to_a_key_of_its_persistable_base()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            [Persistable]
            public partial class Task
            {
                [PersistOrder(2)]
                public string Name { get; set; } = "";
            }

            [Persistable]
            public partial class Job : Task
            {
                [PersistOrder({|#0:2|})]
                public int Cores { get; set; }
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.DuplicateOrderKey).WithLocation(0).WithArguments("Job", "Cores", "2", "Task.Name"));

    /// <summary>A <c>[PersistName]</c> that repeats another member's name (GC3P009 at #0); the schema lock tests check it with a lock too.</summary>
    internal const string PersistNameRepeatsAName = /* lang=c# */ """
        using Gc3.Persistence;

        [Persistable]
        public partial class Job
        {
            public string Name { get; set; } = "";

            [PersistName({|#0:"Name"|})]
            public string Title { get; set; } = "";
        }
        """;

    /// <summary>What <see cref="PersistNameRepeatsAName"/> reports.</summary>
    internal static DiagnosticResult PersistNameRepeatsANameResult { get; } = new DiagnosticResult(DiagnosticDescriptors.DuplicateNameKey).WithLocation(0)
        .WithArguments("Job", "Title", "Job.Name", "both are stored under the name 'Name'");

    [Fact]
    public Task GC3P009_fires_on_a_PersistName_that_repeats_another_members_name()
        => VerifyAsync(PersistNameRepeatsAName, PersistNameRepeatsANameResult);

    [Fact]
    public Task GC3P009_fires_on_a_member_that_hides_a_persisted_base_member_and_on_colliding_name_hashes()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            [Persistable]
            public partial class Task
            {
                public string Name { get; set; } = "";
            }

            [Persistable]
            public partial class Job : Task
            {
                public new string {|GC3P009:Name|} { get; set; } = "";

                // FNV-1a of these two names differs only in the top bit, which name keys always set.
                public int XmBSkAwk { get; set; }

                public int {|#0:dnMDOHDF|} { get; set; }
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.DuplicateNameKey).WithLocation(0)
                .WithArguments("Job", "dnMDOHDF", "Job.XmBSkAwk", "the names 'dnMDOHDF' and 'XmBSkAwk' hash to the same key"));

    [Fact]
    public Task GC3P010_fires_on_a_negative_key_an_empty_name_and_key_attributes_on_members_that_are_not_persisted()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            [Persistable]
            public partial class Job
            {
                [PersistOrder({|#0:-1|})]
                public string Name { get; set; } = "";

                [PersistName({|GC3P010:""|})]
                public int Cores { get; set; }

                [{|#1:PersistOrder(3)|}]
                public int Secret => _secret;

                [PersistIgnore, {|GC3P010:PersistName("old")|}]
                public int Scratch { get; set; }

                private int _secret;
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.KeyAttributeIgnored).WithLocation(0)
                .WithArguments("[PersistOrder]", "Job", "Name", "the key -1 is negative (keys run from 0 to 2147483647), so the member is stored under its name"),
            new DiagnosticResult(DiagnosticDescriptors.KeyAttributeIgnored).WithLocation(1)
                .WithArguments("[PersistOrder]", "Job", "Secret", "the member has no storage of its own (a computed property), so it is not persisted"));

    [Fact]
    public Task Is_silent_for_unique_keys_renames_and_overrides_of_persisted_base_properties()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            [Persistable]
            public partial class Task
            {
                [PersistOrder(0)]
                public int Priority { get; set; }

                public virtual string Name { get; set; } = "";
            }

            [Persistable]
            public partial class Job : Task
            {
                [PersistOrder(1)]
                public int Cores { get; set; }

                [PersistName("Title")]
                public string Label { get; set; } = "";

                // Persisted by Task's code (through this override), so it takes no key of its own.
                public override string Name { get; set; } = "job";
            }
            """);
}
