namespace Gc3.Persistence.Schemas;

/// <summary>A <c>[MemoryPackable]</c> type in a schema document: its layout and members in serialization order.</summary>
public sealed class SchemaObjectType : SchemaType
{
    internal SchemaObjectType(string name, SchemaObjectMode mode, IReadOnlyList<SchemaObjectMember> members, bool isStruct)
        : base(name)
    {
        Mode = mode;
        Members = members;
        IsStruct = isStruct;
    }

    /// <summary>MemoryPack's layout of the type; decoders read <see cref="SchemaObjectMode.Default"/> only.</summary>
    public SchemaObjectMode Mode { get; }

    /// <summary>The members, in MemoryPack's serialization order.</summary>
    public IReadOnlyList<SchemaObjectMember> Members { get; }

    /// <summary>Whether the type is a struct (never null).</summary>
    public bool IsStruct { get; }
}
