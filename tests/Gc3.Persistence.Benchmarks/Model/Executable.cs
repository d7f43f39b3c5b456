namespace Gc3.Persistence.Benchmarks.Model;

/// <summary>
/// A program that jobs run; the workload shares 10 of them among all jobs. Every member is a
/// partial property of an immutable type, so the type is fully change-tracked: a job's save
/// writes the executable's record only when the executable is new or changed.
/// </summary>
[Persistable]
public partial class Executable
{
    /// <summary>Where the program lives (~30 characters).</summary>
    public partial string Path { get; set; }

    /// <summary>Its version, such as "1.2.3".</summary>
    public partial string Version { get; set; }

    /// <summary>A SHA-256 of the program, as 64 hex digits.</summary>
    public partial string Checksum { get; set; }
}
