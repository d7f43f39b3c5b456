namespace Gc3.Persistence.Benchmarks.Workload;

/// <summary>
/// The values of the jobs-v1 workload, made from a fixed seed so that every run (and every other
/// system measured on this workload) handles the same data. Holds plain values only; each subject
/// builds its own objects from them, outside the timed phases.
/// </summary>
public sealed class WorkloadData
{
    /// <summary>The seed of every figure in docs/performance.md.</summary>
    public const int Seed = 20_250_917;

    /// <summary>The number of executables the jobs share.</summary>
    public const int ExecutableCount = 10;

    /// <summary>The number of jobs in the collection of phase E.</summary>
    public const int CollectionSize = 1_000;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Hex = "0123456789abcdef";
    private static readonly JobState[] States = [JobState.New, JobState.Submitted, JobState.Running, JobState.Terminated];

    private WorkloadData(JobValues[] jobs, JobValues[] collectionJobs, ExecutableValues[] executables)
    {
        Jobs = jobs;
        CollectionJobs = collectionJobs;
        Executables = executables;
    }

    /// <summary>The N jobs of phases A to D.</summary>
    public IReadOnlyList<JobValues> Jobs { get; }

    /// <summary>The new jobs of phase E's collection.</summary>
    public IReadOnlyList<JobValues> CollectionJobs { get; }

    /// <summary>The shared executables.</summary>
    public IReadOnlyList<ExecutableValues> Executables { get; }

    /// <summary>Makes the workload for <paramref name="n"/> jobs.</summary>
    public static WorkloadData Create(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        var random = new Random(Seed);
        var executables = new ExecutableValues[ExecutableCount];
        for (var i = 0; i < executables.Length; i++)
        {
            executables[i] = new ExecutableValues(
                $"/opt/apps/{Text(random, 8)}/bin/{Text(random, 10)}",
                $"{random.Next(1, 5)}.{random.Next(0, 20)}.{random.Next(0, 10)}",
                string.Create(64, random, static (span, r) =>
                {
                    for (var k = 0; k < span.Length; k++)
                    {
                        span[k] = Hex[r.Next(Hex.Length)];
                    }
                }));
        }

        var jobs = new JobValues[n];
        for (var i = 0; i < n; i++)
        {
            jobs[i] = MakeJob(random, i);
        }

        var collectionJobs = new JobValues[CollectionSize];
        for (var i = 0; i < collectionJobs.Length; i++)
        {
            collectionJobs[i] = MakeJob(random, n + i);
        }

        return new WorkloadData(jobs, collectionJobs, executables);
    }

    /// <summary>The state phase C gives a job: the next one in the life cycle.</summary>
    public static JobState NextState(JobState state) => States[((int)state + 1) % States.Length];

    private static JobValues MakeJob(Random random, int index)
    {
        var arguments = new string[5];
        for (var k = 0; k < arguments.Length; k++)
        {
            arguments[k] = "--" + Text(random, 8);
        }

        var environment = new KeyValuePair<string, string>[5];
        for (var k = 0; k < environment.Length; k++)
        {
            environment[k] = new($"VAR_{k}_{Text(random, 4).ToUpperInvariant()}", Text(random, 12));
        }

        var state = States[random.Next(States.Length)];
        return new JobValues(
            Name: $"job-{index:D6}-{Text(random, 5)}",
            State: state,
            Arguments: arguments,
            Environment: environment,
            Cores: 1 << random.Next(0, 6),
            MemoryMB: 512L * random.Next(1, 129),
            Submitted: new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next(0, 365 * 24 * 3600)),
            ExitCode: state == JobState.Terminated ? random.Next(0, 3) : null,
            Output: Text(random, 200),
            ExecutableIndex: random.Next(ExecutableCount));
    }

    private static string Text(Random random, int length)
        => string.Create(length, random, static (span, r) =>
        {
            for (var k = 0; k < span.Length; k++)
            {
                span[k] = Alphabet[r.Next(Alphabet.Length)];
            }
        });
}
