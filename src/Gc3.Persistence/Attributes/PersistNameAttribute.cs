namespace Gc3.Persistence;

/// <summary>
/// Stores a member under another name than its own, so that a member can be renamed in code and
/// still read the records written under its old name: <c>[PersistName("OldName")]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class PersistNameAttribute : Attribute
{
    /// <summary>Stores the member under <paramref name="name"/>.</summary>
    public PersistNameAttribute(string name) => Name = name;

    /// <summary>The name the member's key is derived from.</summary>
    public string Name { get; }
}
