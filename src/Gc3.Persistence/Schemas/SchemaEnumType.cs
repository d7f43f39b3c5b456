namespace Gc3.Persistence.Schemas;

/// <summary>An enum in a schema document: its underlying scalar and its members in declaration order.</summary>
public sealed class SchemaEnumType : SchemaType
{
    internal SchemaEnumType(string name, SchemaScalar underlying, IReadOnlyList<SchemaEnumValue> values, bool isFlags, string? unknownValue)
        : base(name)
    {
        Underlying = underlying;
        Values = values;
        IsFlags = isFlags;
        UnknownValue = unknownValue;
    }

    /// <summary>The underlying integer type: how many bytes a value takes and whether it is signed.</summary>
    public SchemaScalar Underlying { get; }

    /// <summary>The members, in declaration order.</summary>
    public IReadOnlyList<SchemaEnumValue> Values { get; }

    /// <summary>Whether the enum has <c>[Flags]</c>.</summary>
    public bool IsFlags { get; }

    /// <summary>
    /// The member marked <c>[PersistUnknownEnumValue]</c> (key <c>"unknown"</c> in the document): a stored
    /// name the enum no longer has loads as it, instead of failing. <see langword="null"/> when none is marked.
    /// </summary>
    public string? UnknownValue { get; }

    /// <summary>The member named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public SchemaEnumValue? Find(string name)
    {
        foreach (var value in Values)
        {
            if (string.Equals(value.Name, name, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The first member whose number is <paramref name="value"/>, or <see langword="null"/>.</summary>
    public SchemaEnumValue? Find(long value)
    {
        foreach (var member in Values)
        {
            if (member.Value == value)
            {
                return member;
            }
        }

        return null;
    }
}
