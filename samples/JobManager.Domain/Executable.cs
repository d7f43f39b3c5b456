using Gc3.Persistence;

namespace JobManager.Domain;

/// <summary>
/// A program jobs run. One record per program (and version of its file), shared by every job that
/// runs it: the jobs store its ID, not a copy.
/// </summary>
[Persistable("jobmanager.executable", IdPrefix = "exe")]
public partial class Executable
{
    /// <summary>The absolute path of the program.</summary>
    public partial string Path { get; set; }

    /// <summary>SHA-256 of the program file when it was first submitted, in lower-case hex.</summary>
    public partial string Checksum { get; set; }

    /// <summary>The size of the program file, in bytes.</summary>
    public partial long SizeBytes { get; set; }
}
