namespace Gc3.Persistence.Generators;

/// <summary>The rule of <see cref="PersistableRules.ClassifyMember"/> that decides whether a member is persisted.</summary>
internal enum MemberRule
{
    /// <summary>Not state: a method, event, nested type, accessor or the compiler's backing field of a property.</summary>
    NotState,

    /// <summary>An auto-property with a setter or init accessor: persisted through its accessors.</summary>
    AutoProperty,

    /// <summary>A get-only auto-property (or a positional record property without a setter): persisted through its backing field.</summary>
    GetOnlyAutoProperty,

    /// <summary>A <c>partial</c> property the generator implements: persisted through the generated backing field.</summary>
    GeneratedPartialProperty,

    /// <summary>A writable instance field.</summary>
    Field,

    /// <summary>A <c>readonly</c> instance field: assigned on load through an <c>UnsafeAccessor</c>.</summary>
    ReadOnlyField,

    /// <summary>A property with no storage of its own (accessor bodies, no backing field): left out.</summary>
    Computed,

    /// <summary>A <c>static</c> member: left out.</summary>
    Static,

    /// <summary>A <c>const</c> field: left out.</summary>
    Const,

    /// <summary>A member marked <c>[PersistIgnore]</c>: left out.</summary>
    Ignored,

    /// <summary>A field marked <c>[NonSerialized]</c> (or an auto-property with <c>[field: NonSerialized]</c>): left out.</summary>
    NonSerialized,

    /// <summary>An override of a property a <c>[Persistable]</c> base persists already: left out here.</summary>
    PersistedByBase,
}
