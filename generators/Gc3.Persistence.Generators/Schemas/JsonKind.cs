namespace Gc3.Persistence.Generators.Schemas;

/// <summary>The kind of a <see cref="JsonValue"/>.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}
