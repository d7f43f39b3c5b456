namespace Gc3.Persistence.Generators.Model;

/// <summary>One persisted member of a persistable class (declared in that class, not inherited).</summary>
/// <param name="TypeName">The member's type as declared, <c>global::</c>-qualified, nullable annotations kept.</param>
/// <param name="NonNullableTypeName">The same without nullable reference annotations (a <see cref="System.Nullable{T}"/> stays <c>T?</c>).</param>
/// <param name="UnderlyingTypeName">For a <see cref="System.Nullable{T}"/>: its <c>T</c>; otherwise <see langword="null"/>.</param>
/// <param name="IsTracked">Whether a cascade save may pass the object by for this member: a generated setter sees every change of its value, and the value holds no persistable object (one behind it can change unseen).</param>
/// <param name="StorageFieldName">For <see cref="MemberAccessKind.StorageField"/>: the field's metadata name (<c>&lt;Items&gt;k__BackingField</c>).</param>
/// <param name="KeepsComparer">A collection with a comparer: a load reads it with the comparer of the member's initial value.</param>
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
    string? StorageFieldName = null,
    bool KeepsComparer = false);
