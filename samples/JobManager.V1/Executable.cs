using Gc3.Persistence;

namespace JobManager.V1;

/// <summary>Version 1 of a program to run: its size was an <see cref="int"/> (version 2: <see cref="long"/>).</summary>
[Persistable("jobmanager.executable", IdPrefix = "exe")]
public partial class Executable
{
    /// <summary>Where the program is.</summary>
    public partial string Path { get; set; }

    /// <summary>Its SHA-256, in hexadecimal.</summary>
    public partial string Checksum { get; set; }

    /// <summary>Its size in bytes (version 2 widened it to <see cref="long"/>).</summary>
    public partial int SizeBytes { get; set; }
}
