namespace Gc3.Persistence.Benchmarks.Workload;

/// <summary>The values of one job; <see cref="ExecutableIndex"/> picks one of the shared executables.</summary>
public sealed record JobValues(
    string Name,
    JobState State,
    string[] Arguments,
    KeyValuePair<string, string>[] Environment,
    int Cores,
    long MemoryMB,
    DateTime Submitted,
    int? ExitCode,
    string Output,
    int ExecutableIndex)
{
    /// <summary>A new persistable job with these values, referring to <paramref name="executable"/>.</summary>
    public Job ToJob(Executable executable) => Fill(new Job { Executable = executable });

    /// <summary>The plain DTO of the reference points, with the executable as its ID string.</summary>
    public JobDto ToDto(string executableId) => Fill(new JobDto { ExecutableId = executableId });

    /// <summary>Whether a loaded job holds exactly these values (its executable checked by path).</summary>
    public bool Matches(Job job, IReadOnlyList<ExecutableValues> executables, JobState expectedState)
        => Holds(job, expectedState) && job.Executable?.Path == executables[ExecutableIndex].Path;

    /// <summary>Whether a loaded DTO holds exactly these values.</summary>
    public bool Matches(JobDto dto, string executableId, JobState expectedState)
        => Holds(dto, expectedState) && dto.ExecutableId == executableId;

    private T Fill<T>(T job)
        where T : IJobFields
    {
        job.Name = Name;
        job.State = State;
        job.Arguments = [.. Arguments];
        job.Environment = new Dictionary<string, string>(Environment);
        job.Cores = Cores;
        job.MemoryMB = MemoryMB;
        job.Submitted = Submitted;
        job.ExitCode = ExitCode;
        job.Output = Output;
        return job;
    }

    private bool Holds(IJobFields job, JobState expectedState)
        => job.Name == Name && job.State == expectedState && job.Arguments.SequenceEqual(Arguments)
            && job.Environment.Count == Environment.Length && Environment.All(e => job.Environment.TryGetValue(e.Key, out var v) && v == e.Value)
            && job.Cores == Cores && job.MemoryMB == MemoryMB && job.Submitted == Submitted && job.ExitCode == ExitCode
            && job.Output == Output;
}
