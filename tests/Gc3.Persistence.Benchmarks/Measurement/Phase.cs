namespace Gc3.Persistence.Benchmarks.Measurement;

/// <summary>What a figure measures: the phases of WORKLOAD.md, and the size of what phase C left behind.</summary>
public enum Phase
{
    /// <summary>A: save each new job with its own call (or all in one <c>SaveMany</c> for the batch subjects).</summary>
    SaveNew,

    /// <summary>B: with an empty identity cache, load each job by ID (its executable resolved to an object).</summary>
    LoadCold,

    /// <summary>C: change each loaded job's state and save it again under its ID.</summary>
    Replace,

    /// <summary>D: list every ID.</summary>
    List,

    /// <summary>E, first half: save a collection of 1,000 new jobs (each its own record).</summary>
    CollectionSave,

    /// <summary>E, second half: with an empty identity cache, load the collection and read every job's executable path.</summary>
    CollectionLoad,

    /// <summary>Bytes on disk (or in memory) after C.</summary>
    Bytes,
}
