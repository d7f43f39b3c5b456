namespace Gc3.Persistence.Generators.Model;

/// <summary>How the registration provides the MemoryPack formatter of a type a member uses.</summary>
internal enum FormatterKind
{
    /// <summary>One of MemoryPack's own formatters (<c>MemoryPack.Formatters.ListFormatter&lt;T&gt;</c>, ...), created by the registration.</summary>
    MemoryPack,

    /// <summary>A <c>[Persistable]</c> type: the runtime's reference formatter, which writes its tag and ID.</summary>
    PersistableReference,

    /// <summary>A <c>[MemoryPackable]</c> type, which registers its own formatter from its static constructor: the registration runs it.</summary>
    SelfRegistering,

    /// <summary>
    /// A multidimensional array: MemoryPack's formatter (as for <see cref="MemoryPack"/>) inside the runtime's
    /// <c>ZeroBasedArrayFormatter</c>, which refuses an array whose lower bounds are not zero (its record keeps only the lengths).
    /// </summary>
    ZeroBasedArray,
}
