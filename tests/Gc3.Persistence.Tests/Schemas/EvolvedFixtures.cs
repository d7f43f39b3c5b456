using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Tests.Schemas;

/// <summary>What the version 1 fixture objects (tests/Gc3.Persistence.SchemaFixtures.V1/Program.cs) load as in version 2.</summary>
public static class EvolvedFixtures
{
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
}
