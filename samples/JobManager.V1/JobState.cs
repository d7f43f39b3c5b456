namespace JobManager.V1;

/// <summary>
/// Version 1 of the job life cycle: <c>Submitted</c> did not exist yet. Version 2 inserted it between
/// <see cref="New"/> and <see cref="Running"/>, so the numbers of the later members moved; records store
/// enum members by name through their schema, so a stored <see cref="Running"/> still loads as Running.
/// </summary>
public enum JobState
{
    /// <summary>Created, not yet started.</summary>
    New,

    /// <summary>Its process is running.</summary>
    Running,

    /// <summary>Finished.</summary>
    Terminated,
}
