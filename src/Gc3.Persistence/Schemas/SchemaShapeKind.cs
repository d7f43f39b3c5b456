namespace Gc3.Persistence.Schemas;

/// <summary>The kinds of <see cref="SchemaShape"/>, one per production of the shape grammar (the schema contract of issue 15).</summary>
public enum SchemaShapeKind
{
    /// <summary>A scalar (<see cref="SchemaShape.Scalar"/>): a number, a date, a GUID, ...</summary>
    Scalar,

    /// <summary><c>string</c>.</summary>
    String,

    /// <summary><c>nullable&lt;S&gt;</c>: a <c>Nullable&lt;T&gt;</c> of the shape <see cref="SchemaShape.Element"/>.</summary>
    Nullable,

    /// <summary><c>enum&lt;Name&gt;</c>: an enum, described in the document's types.</summary>
    Enum,

    /// <summary><c>object&lt;Name&gt;</c>: a <c>[MemoryPackable]</c> type, described in the document's types.</summary>
    Object,

    /// <summary><c>ref&lt;tag&gt;</c>: a reference to a <c>[Persistable]</c> object, whose declared type has the tag <see cref="SchemaShape.Name"/>.</summary>
    Reference,

    /// <summary><c>list&lt;S&gt;</c>: a <c>List&lt;T&gt;</c> or another type written in MemoryPack's list layout.</summary>
    List,

    /// <summary><c>array&lt;S&gt;</c>: a <c>T[]</c>.</summary>
    Array,

    /// <summary><c>set&lt;S&gt;</c>: a <c>HashSet&lt;T&gt;</c> or <c>SortedSet&lt;T&gt;</c>.</summary>
    Set,

    /// <summary><c>dict&lt;K,V&gt;</c>: a <c>Dictionary&lt;K, V&gt;</c> or <c>SortedDictionary&lt;K, V&gt;</c>.</summary>
    Dictionary,

    /// <summary><c>opaque&lt;Name&gt;</c>: a type the grammar does not describe; decoders show its bytes.</summary>
    Opaque,
}
