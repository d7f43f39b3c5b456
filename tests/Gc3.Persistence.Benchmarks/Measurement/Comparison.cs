namespace Gc3.Persistence.Benchmarks.Measurement;

/// <summary>
/// A store phase shown as a ratio to a reference point's phase in the same run: the store's
/// throughput divided by the reference's (above 1: the store is faster; for D, IDs listed per
/// second); for the size after C, the store's bytes over the reference's (above 1: the store is bigger).
/// </summary>
/// <param name="Subject">The store subject.</param>
/// <param name="Phase">Its phase.</param>
/// <param name="Reference">The reference subject.</param>
/// <param name="Target">The lowest ratio issue 5 accepts, or <see langword="null"/> when it sets none.</param>
public sealed record Comparison(string Subject, Phase Phase, string Reference, double? Target = null)
{
    /// <summary>Every comparison the table shows; issue 5's targets are the ones with a number.</summary>
    public static IReadOnlyList<Comparison> All { get; } =
    [
        // The generated serializer in memory: whole records, references resolved through the identity map.
        new("serializer", Phase.SaveNew, "memorypack", 0.7),
        new("serializer", Phase.LoadCold, "memorypack", 0.7),
        new("serializer", Phase.LoadCold, "stj", 2.0),
        new("serializer", Phase.Replace, "memorypack", 0.7),
        new("serializer", Phase.Bytes, "memorypack"),

        // Everything a store does but the I/O (InMemoryStore: serializer + IDs + cascade + identity map + its dictionary).
        new("memory", Phase.SaveNew, "memorypack"),
        new("memory", Phase.LoadCold, "memorypack"),
        new("memory", Phase.LoadCold, "stj"),
        new("memory", Phase.Replace, "memorypack"),
        new("memory", Phase.Bytes, "memorypack"),

        new("file", Phase.SaveNew, "raw-file", 0.8),
        new("file", Phase.LoadCold, "raw-file", 0.8),
        new("file", Phase.Replace, "raw-file", 0.8),
        new("file", Phase.Replace, "gc3-file", 0.8), // issue 14: replace at least 0.8x GC3Pie's way (rename aside, write, unlink)
        new("file", Phase.List, "raw-file"),
        new("file", Phase.Bytes, "raw-file"),

        // --telemetry: the file store with listeners taking everything over the same store without any.
        new("file+telemetry", Phase.SaveNew, "file"),
        new("file+telemetry", Phase.LoadCold, "file"),
        new("file+telemetry", Phase.Replace, "file"),

        new("file-fsync", Phase.SaveNew, "raw-file-fsync", 0.8),
        new("file-fsync", Phase.LoadCold, "raw-file-fsync", 0.8),
        new("file-fsync", Phase.Replace, "raw-file-fsync", 0.8),

        new("sqlite", Phase.SaveNew, "raw-sqlite", 0.6),
        new("sqlite", Phase.LoadCold, "raw-sqlite", 0.7),
        new("sqlite", Phase.Replace, "raw-sqlite"),
        new("sqlite", Phase.List, "raw-sqlite"),
        new("sqlite", Phase.Bytes, "raw-sqlite"),

        new("sqlite-many", Phase.SaveNew, "raw-sqlite-tx", 0.6),
        new("sqlite-many", Phase.Replace, "raw-sqlite-tx"),

        // --schema-check: load-cold with the schema-hash comparison (issue 15 §3) over the same store without it; within 5%.
        new("memory", Phase.LoadCold, "memory-nocheck", 0.95),
        new("file", Phase.LoadCold, "file-nocheck", 0.95),
        new("file-fsync", Phase.LoadCold, "file-fsync-nocheck", 0.95),
        new("sqlite", Phase.LoadCold, "sqlite-nocheck", 0.95),
        new("sqlite-many", Phase.LoadCold, "sqlite-many-nocheck", 0.95),
        new("postgres", Phase.LoadCold, "postgres-nocheck", 0.95),
        new("postgres-many", Phase.LoadCold, "postgres-many-nocheck", 0.95),
    ];
}
