namespace Gc3.Persistence.Generators.Tests.Diagnostics;

public class StoreColumnAnalyzerTests : AnalyzerTests<StoreColumnAnalyzer>
{
    [Fact]
    public Task GC3P011_fires_on_a_collection_a_reference_and_a_static_member()
        => VerifyAsync(/* lang=c# */ """
            using System.Collections.Generic;
            using Gc3.Persistence;

            [Persistable]
            public partial class Job
            {
                [{|#0:StoreColumn|}]
                public List<string> Tags { get; set; } = new();

                [{|GC3P011:StoreColumn("parent")|}]
                public Job? Parent { get; set; }

                [{|#1:StoreColumn|}]
                public static int Count { get; set; }
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.StoreColumnNotScalar).WithLocation(0)
                .WithArguments("Job", "Tags", "its type 'System.Collections.Generic.List<string>' is not a scalar (a number, bool, char, string, enum, DateTime, DateTimeOffset or Guid)"),
            new DiagnosticResult(DiagnosticDescriptors.StoreColumnNotScalar).WithLocation(1).WithArguments("Job", "Count", "it is static"));

    [Fact]
    public Task GC3P012_fires_on_a_column_name_repeated_in_the_type_or_its_base_ignoring_case()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            public enum State { New, Done }

            [Persistable]
            public partial class Task
            {
                [StoreColumn("state")]
                public State State { get; set; }
            }

            [Persistable]
            public partial class Job : Task
            {
                [{|#0:StoreColumn("STATE")|}]
                public string Phase { get; set; } = "";

                [StoreColumn]
                public int Cores { get; set; }

                [{|GC3P012:StoreColumn("cores")|}]
                public int Threads { get; set; }
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.DuplicateStoreColumn).WithLocation(0).WithArguments("STATE", "Job", "Phase", "Task.State"));

    [Fact]
    public Task Is_silent_for_scalar_columns_including_nullable_enum_guid_and_computed_ones()
        => VerifyAsync(/* lang=c# */ """
            using System;
            using Gc3.Persistence;

            public enum State { New, Done }

            [Persistable]
            public partial class Job
            {
                [StoreColumn("state")] public State State { get; set; }
                [StoreColumn] public State? Previous { get; set; }
                [StoreColumn] public int? ExitCode { get; set; }
                [StoreColumn] public Guid Key { get; set; }
                [StoreColumn] public DateTimeOffset Submitted { get; set; }
                [StoreColumn] public bool Done;
                [StoreColumn] public string Name { get; set; } = "";
                [StoreColumn("is_done")] public bool IsDone => State == State.Done;
            }
            """);
}
