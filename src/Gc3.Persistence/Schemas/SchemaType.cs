namespace Gc3.Persistence.Schemas;

/// <summary>An enum or <c>[MemoryPackable]</c> type a schema document's member shapes reach.</summary>
public abstract class SchemaType
{
    private protected SchemaType(string name) => Name = name;

    /// <summary>The type's CLR full name, as shapes name it.</summary>
    public string Name { get; }
}
