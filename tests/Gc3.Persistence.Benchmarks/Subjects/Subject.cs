namespace Gc3.Persistence.Benchmarks.Subjects;

/// <summary>Something the workload measures: a store of this library, or a reference point built from plain parts.</summary>
public abstract class Subject
{
    /// <summary>The name used in the table and in <c>--stores</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The settings that decide its cost (fsync, journal mode, synchronous level), for the table's notes.</summary>
    public abstract string Settings { get; }

    /// <summary>Runs the workload's phases on <paramref name="data"/>, timing them with <paramref name="timer"/>, in the empty <paramref name="directory"/>.</summary>
    public abstract void Run(WorkloadData data, PhaseTimer timer, string directory);

    /// <summary>
    /// Whether the subject does no I/O: its phases last milliseconds, so one stray interrupt or
    /// collection moves a sample a lot, and each repetition runs it several times.
    /// </summary>
    public virtual bool InMemory => false;

    /// <summary>The ID string the reference points use for a job (the stores give IDs of the same shape).</summary>
    protected static string JobName(int index) => $"job.{index + 1}";

    /// <summary>The ID string the reference points write for an executable.</summary>
    protected static string ExecutableName(int index) => $"Executable.{index + 1}";

    /// <summary>Throws when a check of the results fails: a benchmark of wrong results is worthless.</summary>
    protected void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{Name}: {what}");
        }
    }

    /// <summary>The total length of the files under <paramref name="directory"/>.</summary>
    protected static long DirectorySize(string directory)
        => new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
