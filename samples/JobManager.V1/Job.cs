using Gc3.Persistence;

namespace JobManager.V1;

/// <summary>
/// Version 1 of a job. Version 2 changed it in ways old records survive: <see cref="ExitCode"/> became
/// <c>int?</c>, <see cref="Tags"/> an array, <see cref="Priority"/> was removed, and new members were added.
/// </summary>
[Persistable("jobmanager.job", IdPrefix = "job")]
public partial class Job
{
    /// <summary>A name for people.</summary>
    public partial string Name { get; set; }

    /// <summary>Where the job is in its life cycle.</summary>
    public partial JobState State { get; set; }

    /// <summary>The program to run.</summary>
    public partial Executable? Executable { get; set; }

    /// <summary>The command-line arguments.</summary>
    public List<string> Arguments { get; set; } = [];

    /// <summary>Free labels (version 2: an array).</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>When the job was created (UTC).</summary>
    public partial DateTime Created { get; set; }

    /// <summary>The exit code, 0 until the job terminated (version 2: <c>null</c> until then).</summary>
    public partial int ExitCode { get; set; }

    /// <summary>A scheduling priority version 2 no longer has: old records' values are skipped.</summary>
    public partial int Priority { get; set; }
}
