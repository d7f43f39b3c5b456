namespace Gc3.Persistence.Schemas;

/// <summary>One member of a <c>[MemoryPackable]</c> type, in MemoryPack's serialization order.</summary>
/// <param name="Name">The C# name of the member.</param>
/// <param name="Shape">The member's declared shape.</param>
public sealed record SchemaObjectMember(string Name, SchemaShape Shape);
