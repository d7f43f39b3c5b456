using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Tests.Schemas;

/// <summary>
/// What the version 1 fixture objects (tests/Gc3.Persistence.SchemaFixtures.V1/Program.cs) load as in version 2, in
/// any store: the file store's tests and (linked) the SQL stores' tests ask the same of the same records.
/// </summary>
public static class EvolvedFixtures
{
    /// <summary>A path below the fixtures copied beside the tests (<c>Records/schema-v1/files</c>, ...).</summary>
    public static string Records(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Records", .. parts]);

    /// <summary>EvolvedJob.1.</summary>
    public static void AssertFirst(EvolvedJob job)
    {
        Assert.Equal("first", job.Name);
        Assert.Equal(int.MaxValue, job.Count);                   // int -> long
        Assert.Equal(16_777_217d, job.Ratio);                    // int -> double, exact
        Assert.Equal(4_000_000_000L, job.Size);                  // uint -> long
        Assert.Equal(9, job.Priority);                           // int -> int?
        Assert.Equal(4, job.Retries);                            // int? -> int, present
        Assert.Equal(EvolvedKind.Interactive, job.Kind);         // string -> enum
        Assert.Equal("Review", job.Stage);                       // enum -> string
        Assert.Equal(EvolvedState.Submitted, job.State);         // enum by name across an insertion
        Assert.Equal(EvolvedColor.Green, job.Color);
        Assert.Equal(["a", "b"], job.Tags);                      // List<string> -> string[]
        Assert.Equal([1L, -2L, int.MaxValue], job.Scores);       // int[] -> List<long>
        Assert.Equal([5], job.Ids);                              // HashSet<int> -> List<int>
        Assert.Equal(8L, job.Limits["cpu"]);                     // Dictionary<string, int> -> <string, long>
        Assert.Equal((int.MinValue, "box"), (job.Details!.Count, job.Details.Label)); // member by name
        Assert.Null(job.Details.Note);                           // new in the [MemoryPackable] type: null, as MemoryPack gives a member a shorter record lacks
        Assert.Equal([EvolvedState.New, EvolvedState.Submitted, EvolvedState.Running], job.History);
        Assert.Equal(7, job.Added);                              // new: its initializer
    }

    /// <summary>EvolvedJob.2, which EvolvedJob.1 references.</summary>
    public static void AssertSecond(EvolvedJob job)
    {
        Assert.Equal(("second", -5L, uint.MaxValue, 0), (job.Name, job.Count, job.Size, job.Retries));
        Assert.Equal(EvolvedColor.Unknown, job.Color);           // Purple is gone: [PersistUnknownEnumValue]
        Assert.Equal(EvolvedState.New, job.State);
        Assert.Null(job.Details);
        Assert.Empty(job.Tags);
        Assert.Null(job.Next);
    }

    /// <summary>The fixture's unresolvable records fail naming the record, type, member, shapes and way out; their resolvable siblings load.</summary>
    public static void AssertUnresolvable(IStore store)
    {
        var type = Assert.Throws<LoadException>(() => store.Load<BrokenTypeChange>(Id.Parse("BrokenTypeChange.3")));
        Assert.Equal(Id.Parse("BrokenTypeChange.3"), type.Id);
        Assert.Contains("'BrokenTypeChange.3'", type.Message, StringComparison.Ordinal);
        Assert.Contains("the member 'Name' of Gc3.Persistence.TestModel.BrokenTypeChange was written as string and is declared int32 now", type.Message, StringComparison.Ordinal);
        Assert.Contains("[PersistName(\"Name\")]", type.Message, StringComparison.Ordinal);
        Assert.EndsWith("If a newer version of the application wrote the record, update this one instead", type.Message, StringComparison.Ordinal);

        var nulled = Assert.Throws<LoadException>(() => store.Load<BrokenNullChange>(Id.Parse("BrokenNullChange.4")));
        Assert.Contains("'BrokenNullChange.4'", nulled.Message, StringComparison.Ordinal);
        Assert.Contains("the member 'Value' of Gc3.Persistence.TestModel.BrokenNullChange was written as nullable<int32> and is declared int32 now", nulled.Message, StringComparison.Ordinal);
        Assert.Contains("holds null", nulled.Message, StringComparison.Ordinal);
        Assert.Equal(12, store.Load<BrokenNullChange>(Id.Parse("BrokenNullChange.5")).Value);

        var lost = Assert.Throws<LoadException>(() => store.Load<BrokenEnumChange>(Id.Parse("BrokenEnumChange.6")));
        Assert.Contains("'Archived', which Gc3.Persistence.TestModel.EvolvedKind does not have. If a newer version of the application wrote the record, update this one", lost.Message, StringComparison.Ordinal);
        Assert.Equal(EvolvedKind.Interactive, store.Load<BrokenEnumChange>(Id.Parse("BrokenEnumChange.7")).Kind); // 2 then, 1 now

        foreach (var e in new[] { type, nulled, lost })
        {
            Assert.DoesNotMatch(@"key \d|\d+ bytes", e.Message);
        }
    }

    /// <summary>
    /// The opaque fixture (<c>Records/schema-v1-opaque</c>): an enum renumbered inside an unmanaged struct fails naming
    /// the record, member, struct, enum and its own way out; one only appended to loads.
    /// </summary>
    public static void AssertOpaque(IStore store)
    {
        var e = Assert.Throws<LoadException>(() => store.Load<RenumberedLog>(Id.Parse("RenumberedLog.1")));
        Assert.Contains("'RenumberedLog.1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("the member 'Marks' of Gc3.Persistence.TestModel.RenumberedLog", e.Message, StringComparison.Ordinal);
        Assert.Contains("the enum Gc3.Persistence.TestModel.MarkState inside Gc3.Persistence.TestModel.Mark is stored by number", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Busy' was 1 and is 2 now, 'Done' was 2 and is 3 now", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("[PersistName", e.Message, StringComparison.Ordinal); // its own way out, not the generic one
        Assert.Contains("their old numbers explicitly", e.Message, StringComparison.Ordinal);

        var appended = store.Load<AppendedLog>(Id.Parse("AppendedLog.2"));
        Assert.Equal(new Reading(Level.High, 42), appended.Last);
    }
}
