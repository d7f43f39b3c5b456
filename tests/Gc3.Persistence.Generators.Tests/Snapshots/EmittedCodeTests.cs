using System.Runtime.CompilerServices;

namespace Gc3.Persistence.Generators.Tests.Snapshots;

/// <summary>
/// The emitted code for representative types, against the baselines under <c>Baselines/{TestName}/</c>.
/// Each scenario also proves that the output compiles with no warning (all warnings on, nullable and
/// doc comments checked), that a rerun on an unchanged compilation is fully cached, and that no
/// pipeline step holds a symbol, a syntax node or a compilation.
/// </summary>
[Collection(nameof(SnapshotHelperTests))] // reads UPDATE_SNAPSHOTS, which SnapshotHelperTests changes
public class EmittedCodeTests
{
    [Fact]
    public void SimpleType() => VerifyScenario(/* lang=c# */ """
        using Gc3.Persistence;

        namespace App;

        public enum Kind { Binary, Script }

        [Persistable]
        public partial class Executable
        {
            public partial string Path { get; set; }

            public string Version { get; set; } = "";

            public partial Kind Kind { get; set; }

            public long Size;

            public int? ExitCode { get; set; }
        }
        """);

    [Fact]
    public void DerivedType() => VerifyScenario(/* lang=c# */ """
        using System.Collections.Generic;
        using Gc3.Persistence;

        namespace App;

        [Persistable("app.task")]
        public abstract partial class Task
        {
            public partial string Name { get; set; }

            public virtual int Priority { get; set; }
        }

        [Persistable("app.job", IdPrefix = "job")]
        public partial class Job : Task
        {
            public partial int Cores { get; set; }

            public List<string> Arguments { get; set; } = [];

            public Dictionary<string, string?> Environment { get; set; } = [];

            public List<string?>? Notes { get; set; }

            public override int Priority { get; set; } = 5;
        }

        [Persistable("app.gpu-job")]
        public sealed partial class GpuJob : Job
        {
            [PersistOrder(1)]
            public partial int Gpus { get; set; }
        }
        """);

    [Fact]
    public void SealedType() => VerifyScenario(/* lang=c# */ """
        using System;
        using Gc3.Persistence;

        namespace App;

        [Persistable("app.token")]
        public sealed partial class Token
        {
            public partial Guid Value { get; set; }

            public partial DateTimeOffset Expires { get; private set; }

            [PersistName("Owner")]
            public partial string? User { get; set; }
        }
        """);

    [Fact]
    public void NestedTypeInNamespace() => VerifyScenario(/* lang=c# */ """
        using Gc3.Persistence;

        namespace App.Jobs
        {
            public partial class Scheduler
            {
                internal partial struct Slot
                {
                    [Persistable]
                    public partial class Entry
                    {
                        public partial string Key { get; set; }

                        public Entry? Next { get; set; }
                    }
                }
            }
        }
        """);

    [Fact]
    public void InitOnlyAndRequiredMembers() => VerifyScenario(/* lang=c# */ """
        using Gc3.Persistence;

        namespace App;

        [Persistable]
        public partial class Submission
        {
            public required string Name { get; init; }

            public int Cores { get; init; } = 1;

            public required partial string Queue { get; set; }

            public partial string? Comment { get; init; }
        }

        [Persistable]
        public partial record Note(string Text)
        {
            public Note() : this("") { }
        }
        """);

    [Fact]
    public void CollectionsOfPersistables() => VerifyScenario(/* lang=c# */ """
        using System.Collections.Generic;
        using Gc3.Persistence;

        namespace App;

        [Persistable]
        public partial class Job
        {
            public partial string Name { get; set; }
        }

        [Persistable]
        public partial class JobCollection
        {
            public List<Job> Jobs { get; set; } = [];

            public Job?[] Slots { get; set; } = [];

            public Dictionary<string, Job> ByName { get; set; } = [];

            public Dictionary<int, List<Job>> ByPriority { get; set; } = [];

            public HashSet<string> Tags { get; set; } = [];

            public partial Job? Current { get; set; }
        }
        """);

    [Fact]
    public void MemoryPackableHolder() => VerifyScenario(/* lang=c# */ """
        using System.Collections.Generic;
        using Gc3.Persistence;
        using MemoryPack;

        namespace App;

        [Persistable]
        public partial class Job
        {
            public partial string Name { get; set; }
        }

        /// <summary>A plain value stored inside its holder's record; its Job is still written as an ID.</summary>
        [MemoryPackable]
        public partial class Assignment
        {
            public string Worker { get; set; } = "";

            public Job? Job { get; set; }
        }

        [Persistable]
        public partial class Queue
        {
            public Assignment? Head { get; set; }

            public List<Assignment> Pending { get; set; } = [];
        }
        """);

    [Fact]
    public void StoreColumns() => VerifyScenario(/* lang=c# */ """
        using System;
        using Gc3.Persistence;

        namespace App;

        public enum JobState { New, Running, Terminated }

        [Persistable]
        public partial class Task
        {
            [StoreColumn("owner")]
            public partial string Owner { get; set; }
        }

        [Persistable]
        public partial class Job : Task
        {
            [StoreColumn("state")]
            public partial JobState State { get; set; }

            [StoreColumn]
            public partial int? ExitCode { get; set; }

            [StoreColumn]
            public partial DateTimeOffset Submitted { get; set; }

            [StoreColumn("key")]
            public partial Guid Key { get; set; }

            [StoreColumn("done")]
            public bool IsDone => State == JobState.Terminated;
        }
        """);

    [Fact]
    public void RegistrationWithReferencedLibrary()
    {
        var library = TestLibraries.ExecutableLibrary("Jobs.Library");
        VerifyScenario(/* lang=c# */ """
            using System.Collections.Generic;
            using Gc3.Persistence;

            namespace App;

            [Persistable]
            public partial class Job
            {
                public partial Lib.Executable? Executable { get; set; }

                public List<int> Exits { get; set; } = [];

                public Dictionary<string, Lib.Executable> Tools { get; set; } = [];
            }

            [Persistable]
            public abstract partial class Base
            {
            }
            """,
            references: [library]);
    }

    private static void VerifyScenario(string source, [CallerMemberName] string testName = "", MetadataReference[]? references = null)
    {
        var compilation = GeneratorHarness.CreateCompilation(source, "TestApp", references ?? []);
        var (driver, _) = GeneratorHarness.RunClean(compilation);

        Snapshot.Match(testName, GeneratorHarness.GeneratedFiles(driver));
        Incrementality.AssertNoRoslynObjects(driver);
        Incrementality.AssertCached(driver, compilation.Clone());
    }
}
