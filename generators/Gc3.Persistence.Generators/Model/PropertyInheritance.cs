namespace Gc3.Persistence.Generators.Model;

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
