namespace Gc3.Persistence.Benchmarks.Workload;

/// <summary>The values of one executable.</summary>
public sealed record ExecutableValues(string Path, string Version, string Checksum)
{
    /// <summary>A new persistable executable with these values.</summary>
    public Executable ToExecutable() => new() { Path = Path, Version = Version, Checksum = Checksum };
}
