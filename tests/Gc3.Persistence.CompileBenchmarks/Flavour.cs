namespace Gc3.Persistence.CompileBenchmarks;

/// <summary>The two flavours of the generated project: the same types, for our generator or for MemoryPack's alone.</summary>
internal enum Flavour
{
    /// <summary><c>[Persistable]</c> types, some members partial properties, compiled with Gc3.Persistence.</summary>
    Persistable,

    /// <summary>The same types as <c>[MemoryPackable]</c>, compiled with MemoryPack only.</summary>
    MemoryPackable,
}
