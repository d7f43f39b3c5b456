namespace Gc3.Persistence.Benchmarks.Model;

/// <summary>
/// The reference points' plain equivalent of <see cref="Job"/>: the same values, with the executable
/// written as its ID string, as a hand-written MemoryPack or JSON schema would hold it.
/// </summary>
[MemoryPackable]
public sealed partial class JobDto : IJobFields
{
    /// <summary>See <see cref="Job.Name"/>.</summary>
    public string Name { get; set; } = "";

    /// <summary>See <see cref="Job.State"/>.</summary>
    public JobState State { get; set; }

    /// <summary>See <see cref="Job.Arguments"/>.</summary>
    public List<string> Arguments { get; set; } = [];

    /// <summary>See <see cref="Job.Environment"/>.</summary>
    public Dictionary<string, string> Environment { get; set; } = [];

    /// <summary>See <see cref="Job.Cores"/>.</summary>
    public int Cores { get; set; }

    /// <summary>See <see cref="Job.MemoryMB"/>.</summary>
    public long MemoryMB { get; set; }

    /// <summary>See <see cref="Job.Submitted"/>.</summary>
    public DateTime Submitted { get; set; }

    /// <summary>See <see cref="Job.ExitCode"/>.</summary>
    public int? ExitCode { get; set; }

    /// <summary>See <see cref="Job.Output"/>.</summary>
    public string Output { get; set; } = "";

    /// <summary>The ID of the executable, such as <c>Executable.3</c>.</summary>
    public string ExecutableId { get; set; } = "";
}
