namespace Gc3.Persistence.Generators.Model;

/// <summary>How a member's value is written: decided by the parser, so the emitter needs no symbols.</summary>
internal enum MemberValueKind
{
    /// <summary>A string, with MemoryPack's string encoding.</summary>
    String,

    /// <summary>A primitive, enum or well-known unmanaged struct, copied as raw bytes.</summary>
    Unmanaged,

    /// <summary>A nullable scalar (<c>int?</c>): raw bytes too, the layout MemoryPack's own formatter writes.</summary>
    NullableUnmanaged,

    /// <summary>
    /// A <c>List&lt;string&gt;</c> or <c>Dictionary&lt;string, string&gt;</c>: written directly in the bytes
    /// of MemoryPack's formatter (no generic virtual call per string), read by that formatter.
    /// </summary>
    StringCollection,

    /// <summary>A <c>[Persistable]</c> object, written as a reference (tag and ID) to its own record.</summary>
    PersistableReference,

    /// <summary>Anything else MemoryPack serializes, through its formatter (collections, <c>[MemoryPackable]</c> types, ...).</summary>
    Formatted,
}

/// <summary>How the generated code reads and assigns a member.</summary>
internal enum MemberAccessKind
{
    /// <summary>A field or a property with a setter: assigned directly.</summary>
    Assignable,

    /// <summary>An init-only property: assigned through an <c>UnsafeAccessor</c> to its setter.</summary>
    InitOnly,

    /// <summary>A <c>partial</c> property the generator implements: its backing field is assigned directly.</summary>
    GeneratedPartial,

    /// <summary>
    /// A <c>readonly</c> field or a get-only auto-property: read and assigned through an <c>UnsafeAccessor</c>
    /// to its storage field (<see cref="PersistableMemberSpec.StorageFieldName"/>), past <c>readonly</c>.
    /// </summary>
    StorageField,
}

/// <summary>One persisted member of a persistable class (declared in that class, not inherited).</summary>
/// <param name="TypeName">The member's type as declared, <c>global::</c>-qualified, nullable annotations kept.</param>
/// <param name="NonNullableTypeName">The same without nullable reference annotations (a <see cref="System.Nullable{T}"/> stays <c>T?</c>).</param>
/// <param name="UnderlyingTypeName">For a <see cref="System.Nullable{T}"/>: its <c>T</c>; otherwise <see langword="null"/>.</param>
/// <param name="StorageFieldName">For <see cref="MemberAccessKind.StorageField"/>: the field's metadata name (<c>&lt;Items&gt;k__BackingField</c>).</param>
internal sealed record PersistableMemberSpec(
    string Name,
    string TypeName,
    string NonNullableTypeName,
    string? UnderlyingTypeName,
    uint Key,
    MemberValueKind ValueKind,
    MemberAccessKind AccessKind,
    bool IsTracked,
    PartialPropertySpec? PartialProperty,
    string? StorageFieldName = null);

/// <summary>Whether a partial property is virtual or overrides one.</summary>
internal enum PropertyInheritance
{
    /// <summary>Neither virtual nor an override.</summary>
    None,

    /// <summary>Declared <c>virtual</c>.</summary>
    Virtual,

    /// <summary>Declared <c>override</c>.</summary>
    Override,

    /// <summary>Declared <c>sealed override</c>.</summary>
    SealedOverride,
}

/// <summary>
/// The declaration details a generated partial property implementation must repeat: its accessibility
/// (a keyword such as <c>public</c>), whether it is required and virtual or an override, and the
/// accessibility of an accessor that differs from the property's (<see langword="null"/> when the same).
/// </summary>
internal sealed record PartialPropertySpec(
    string Accessibility,
    bool IsRequired,
    PropertyInheritance Inheritance,
    string? SetterAccessibility,
    bool SetterIsInit,
    string? GetterAccessibility);
