namespace Gc3.Persistence.Generators.Model;

/// <summary>How a member's value is written: decided by the parser, so the emitter needs no symbols.</summary>
internal enum MemberValueKind
{
    /// <summary>A string, with MemoryPack's string encoding.</summary>
    String,

    /// <summary>A primitive, enum or well-known unmanaged struct, copied as raw bytes.</summary>
    Unmanaged,

    /// <summary>A nullable scalar (<c>int?</c>): raw bytes too, the layout MemoryPack's own formatter writes.</summary>
    NullableUnmanaged,

    /// <summary>
    /// A <c>List&lt;string&gt;</c> or <c>Dictionary&lt;string, string&gt;</c>: written directly in the bytes
    /// of MemoryPack's formatter (no generic virtual call per string), read by that formatter.
    /// </summary>
    StringCollection,

    /// <summary>A <c>[Persistable]</c> object, written as a reference (tag and ID) to its own record.</summary>
    PersistableReference,

    /// <summary>Anything else MemoryPack serializes, through its formatter (collections, <c>[MemoryPackable]</c> types, ...).</summary>
    Formatted,
}
