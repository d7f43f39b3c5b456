namespace Gc3.Persistence.Generators.Model;

/// <summary>
/// Why the store's decoding guard (the runtime's <c>NestingGuard</c>, which walks a member's bytes by its schema
/// before MemoryPack decodes them) cannot walk a member that reaches code MemoryPack decodes unchecked (GC3P026).
/// </summary>
internal enum GuardGapKind
{
    /// <summary>A <c>[MemoryPackable(GenerateType.VersionTolerant)]</c> type.</summary>
    VersionTolerant,

    /// <summary>A <c>[MemoryPackable(GenerateType.CircularReference)]</c> type.</summary>
    CircularReference,

    /// <summary>A <c>[MemoryPackUnion]</c> type.</summary>
    Union,

    /// <summary>A generic <c>[MemoryPackable]</c> type (the schema names it opaque: its name would hold type arguments).</summary>
    Generic,

    /// <summary>A <c>[MemoryPackable(GenerateType.NoGenerate)]</c> type: a formatter of the user's own, registered with MemoryPack.</summary>
    RegisteredFormatter,

    /// <summary>A <c>[MemoryPackable(GenerateType.Collection)]</c> type: a collection with MemoryPack's generated collection formatter.</summary>
    Collection,

    /// <summary>A member of a <c>[MemoryPackable]</c> type carrying a custom formatter attribute (<c>[BrotliFormatter]</c>, ...).</summary>
    FormatterAttribute,

    /// <summary>
    /// Any other type the schema names opaque (an unmanaged struct, a tuple, a <c>Stack&lt;T&gt;</c>, a multi-dimensional
    /// array, ...) where the walk needs to see through it: inside a <c>[MemoryPackable]</c> object, or holding one.
    /// </summary>
    Opaque,
}
