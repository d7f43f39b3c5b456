namespace Gc3.Persistence.Generators.Model;

/// <summary>What kind of type a schema's <c>types</c> entry describes.</summary>
internal enum SchemaTypeKind
{
    /// <summary>An enum: its underlying scalar and its members' names and values.</summary>
    Enum,

    /// <summary>A <c>[MemoryPackable]</c> object: its generation mode and its members' names and shapes.</summary>
    Object,
}
