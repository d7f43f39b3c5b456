namespace Gc3.Persistence;

/// <summary>
/// Pins the key under which a member is stored to a small number. Without it a member's key is
/// derived from its name, so members can be added, removed and reordered freely; with it the key no
/// longer depends on the name, so the member can later be renamed. Keys must be unique in a type
/// and its persistable base types.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class PersistOrderAttribute : Attribute
{
    /// <summary>Pins the member's key.</summary>
    /// <param name="key">A number from 0 to 2,147,483,647, unique within the type hierarchy.</param>
    public PersistOrderAttribute(int key) => Key = key;

    /// <summary>The pinned key.</summary>
    public int Key { get; }
}
