namespace Gc3.Persistence.Generators.Model;

/// <summary>
/// The schema of a concrete <c>[Persistable]</c> type (issue 15, the schema contract): what its records hold,
/// as facts the emitter turns into the schema document (<see cref="SchemaDocumentText"/>) and its hash.
/// </summary>
/// <param name="TypeName">The type's CLR full name (<c>Namespace.Outer+Inner</c>).</param>
/// <param name="Members">Every member a record holds, persistable base types' first, in the order <c>Gc3WriteMembers</c> writes them.</param>
/// <param name="Types">Every enum and <c>[MemoryPackable]</c> type a member shape reaches, sorted by ordinal name.</param>
/// <param name="Opaque">The opaque types that hold enums (stored by number), with those enums, sorted by ordinal name.</param>
internal sealed record SchemaSpec(string TypeName, EquatableArray<SchemaMemberSpec> Members, EquatableArray<SchemaTypeSpec> Types, EquatableArray<SchemaOpaqueSpec> Opaque = default);
