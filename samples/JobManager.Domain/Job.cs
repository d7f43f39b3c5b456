using Gc3.Persistence;

namespace JobManager.Domain;

/// <summary>
/// A command to run, with the resources it asked for and what became of it. Scalar members are
/// partial properties, so the generated setters track changes; collections are plain properties
/// (a collection can change without its setter being called, so the type is re-saved whenever a
/// cascade reaches it).
/// </summary>
[Persistable("jobmanager.job", IdPrefix = Job.IdPrefix)]
public partial class Job
{
    /// <summary>The prefix of job IDs (<c>job.N</c>).</summary>
    public const string IdPrefix = "job";

    /// <summary>A name for people; not unique.</summary>
    public partial string Name { get; set; }

    /// <summary>Where the job is in its life cycle; also a column of its own in the SQL stores.</summary>
    [StoreColumn("state")]
    public partial JobState State { get; set; }

    /// <summary>The program to run, shared with the other jobs that run it.</summary>
    public partial Executable? Executable { get; set; }

    /// <summary>The command-line arguments.</summary>
    public List<string> Arguments { get; set; } = [];

    /// <summary>Environment variables set for the process, on top of the job manager's own.</summary>
    public Dictionary<string, string> Environment { get; set; } = [];

    /// <summary>Free labels.</summary>
    public string[] Tags { get; set; } = [];

    /// <summary>The cores and memory the job asks for.</summary>
    public partial ResourceRequest Resources { get; set; }

    /// <summary>When the job was created (UTC).</summary>
    public partial DateTime Created { get; set; }

    /// <summary>When the process started (UTC), once it has.</summary>
    public partial DateTime? Started { get; set; }

    /// <summary>When the process ended (UTC), once it has.</summary>
    public partial DateTime? Finished { get; set; }

    /// <summary>The exit code, once <see cref="State"/> is <see cref="JobState.Terminated"/>.</summary>
    public partial int? ExitCode { get; set; }

    /// <summary>The start of what the process wrote to its standard output and error.</summary>
    public partial string? Output { get; set; }

    /// <summary>Every state the job has entered, oldest first.</summary>
    public List<StateChange> History { get; set; } = [];

    /// <summary>Creates a <see cref="JobState.New"/> job.</summary>
    public static Job Create(string name, Executable executable, DateTime now) => new Job
    {
        Name = name,
        Executable = executable,
        Created = now,
        State = JobState.New,
        Resources = ResourceRequest.Default,
        History = [new StateChange(JobState.New, now)],
    };

    /// <summary>
    /// Brings a job saved by an older version up to date (docs/changing-your-classes.md): version 1
    /// (samples/JobManager.V1) had no <see cref="Resources"/> and stored exit code 0 for a job that had not ended.
    /// </summary>
    partial void OnPersistenceLoaded()
    {
        Resources ??= ResourceRequest.Default;
        if (State != JobState.Terminated && ExitCode == 0)
        {
            ExitCode = null;
        }
    }

    /// <summary>Moves the job to the state after its current one and records when.</summary>
    /// <exception cref="InvalidOperationException">The job has already terminated.</exception>
    public JobState Advance(DateTime now)
    {
        if (State == JobState.Terminated)
        {
            throw new InvalidOperationException($"job {PersistentId} has already terminated");
        }

        State = State + 1;
        History.Add(new StateChange(State, now));
        return State;
    }
}
