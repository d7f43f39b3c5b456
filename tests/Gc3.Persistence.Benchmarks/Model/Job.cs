namespace Gc3.Persistence.Benchmarks.Model;

/// <summary>
/// The job of the jobs-v1 workload (shared/bench/WORKLOAD.md). Scalars and strings are partial
/// properties (their setters mark the job changed); the list and the dictionary can change behind
/// a setter's back, so the job as a whole is not fully tracked, as in a typical application.
/// </summary>
[Persistable("bench.job", IdPrefix = "job")]
public partial class Job : IJobFields
{
    /// <summary>A short name (~16 characters).</summary>
    public partial string Name { get; set; }

    /// <summary>Where the job is in its life cycle.</summary>
    public partial JobState State { get; set; }

    /// <summary>Five command-line arguments of ~10 characters.</summary>
    public List<string> Arguments { get; set; } = [];

    /// <summary>Five environment variables.</summary>
    public Dictionary<string, string> Environment { get; set; } = [];

    /// <summary>Cores requested.</summary>
    public partial int Cores { get; set; }

    /// <summary>Memory requested, in MB.</summary>
    public partial long MemoryMB { get; set; }

    /// <summary>When it was submitted.</summary>
    public partial DateTime Submitted { get; set; }

    /// <summary>The exit code once terminated.</summary>
    public partial int? ExitCode { get; set; }

    /// <summary>The tail of its output (200 characters).</summary>
    public partial string Output { get; set; }

    /// <summary>The program it runs: one of the 10 shared executables, stored as a reference (its ID).</summary>
    public partial Executable? Executable { get; set; }
}
