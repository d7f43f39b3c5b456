namespace Gc3.Persistence.Generators.Model;

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
