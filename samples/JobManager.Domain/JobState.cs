namespace JobManager.Domain;

/// <summary>The life cycle of a <see cref="Job"/>, as in GC3Pie: each state is only ever followed by the next one.</summary>
public enum JobState
{
    /// <summary>Created, not yet handed to a resource.</summary>
    New,

    /// <summary>Accepted for execution.</summary>
    Submitted,

    /// <summary>Its process is running.</summary>
    Running,

    /// <summary>Finished; <see cref="Job.ExitCode"/> tells how.</summary>
    Terminated,
}
