namespace Gc3.Persistence.Generators.Model;

/// <summary>
/// An opaque type of a schema (an unmanaged struct, a tuple, ...: bytes MemoryPack copies) and the enums it holds,
/// which are therefore stored by number: the document's <c>"opaque"</c> table, so the schema lock and the load can
/// tell when their numbering changes.
/// </summary>
/// <param name="Name">The opaque type's name, as its <c>opaque&lt;...&gt;</c> shape names it.</param>
/// <param name="Enums">The enums inside it (each described in the schema's types), sorted by ordinal name.</param>
internal sealed record SchemaOpaqueSpec(string Name, EquatableArray<string> Enums);
