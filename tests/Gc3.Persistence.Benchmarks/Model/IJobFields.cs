namespace Gc3.Persistence.Benchmarks.Model;

/// <summary>
/// The values <see cref="Job"/> and its plain equivalent <see cref="JobDto"/> both hold: all but the
/// executable, which one holds as a reference and the other as an ID string. The workload fills and
/// checks both through it (<see cref="Workload.JobValues"/>).
/// </summary>
public interface IJobFields
{
    /// <summary>See <see cref="Job.Name"/>.</summary>
    string Name { get; set; }

    /// <summary>See <see cref="Job.State"/>.</summary>
    JobState State { get; set; }

    /// <summary>See <see cref="Job.Arguments"/>.</summary>
    List<string> Arguments { get; set; }

    /// <summary>See <see cref="Job.Environment"/>.</summary>
    Dictionary<string, string> Environment { get; set; }

    /// <summary>See <see cref="Job.Cores"/>.</summary>
    int Cores { get; set; }

    /// <summary>See <see cref="Job.MemoryMB"/>.</summary>
    long MemoryMB { get; set; }

    /// <summary>See <see cref="Job.Submitted"/>.</summary>
    DateTime Submitted { get; set; }

    /// <summary>See <see cref="Job.ExitCode"/>.</summary>
    int? ExitCode { get; set; }

    /// <summary>See <see cref="Job.Output"/>.</summary>
    string Output { get; set; }
}
