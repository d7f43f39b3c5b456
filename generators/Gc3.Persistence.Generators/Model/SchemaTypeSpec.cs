namespace Gc3.Persistence.Generators.Model;

/// <summary>An enum or <c>[MemoryPackable]</c> type that a schema's member shapes reach.</summary>
/// <param name="Name">The CLR full name (<c>Namespace.Outer+Inner</c>), escaped as shape names are.</param>
/// <param name="Kind">Enum or object.</param>
/// <param name="Mode">An enum's underlying scalar (<c>int32</c>); an object's mode (<c>default</c>, <c>versiontolerant</c>, <c>circular</c>, <c>union</c>).</param>
/// <param name="Flag">An enum's <c>[Flags]</c>; an object's being a struct.</param>
/// <param name="Fields">An enum's members (name, value as a decimal number) in declaration order; an object's members (name, shape) in MemoryPack's order.</param>
/// <param name="Unknown">An enum's member marked <c>[PersistUnknownEnumValue]</c> (the document's optional <c>"unknown"</c>), or <see langword="null"/>.</param>
internal sealed record SchemaTypeSpec(string Name, SchemaTypeKind Kind, string Mode, bool Flag, EquatableArray<SchemaFieldSpec> Fields, string? Unknown = null);
