namespace Gc3.Persistence.Benchmarks.Model;

/// <summary>The life cycle of a job in the jobs-v1 workload.</summary>
public enum JobState
{
    /// <summary>Created, not submitted yet.</summary>
    New,

    /// <summary>Handed to a batch system.</summary>
    Submitted,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Finished.</summary>
    Terminated,
}
