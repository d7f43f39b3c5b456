namespace Gc3.Persistence.Schemas;

/// <summary>How MemoryPack lays out a <c>[MemoryPackable]</c> type (its <c>GenerateType</c>).</summary>
public enum SchemaObjectMode
{
    /// <summary><c>default</c>: a member-count byte (255: null, for a class), then each member in order.</summary>
    Default,

    /// <summary><c>versiontolerant</c>: decoders show its bytes, they do not decode it.</summary>
    VersionTolerant,

    /// <summary><c>circular</c>: decoders show its bytes, they do not decode it.</summary>
    Circular,

    /// <summary><c>union</c>: decoders show its bytes, they do not decode it.</summary>
    Union,
}
