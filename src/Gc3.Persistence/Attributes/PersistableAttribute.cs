namespace Gc3.Persistence;

/// <summary>
/// Marks a <c>partial class</c> whose instances a store can save and load. At compile time the
/// Gc3.Persistence generator writes its serializer and registers it under a stable type tag;
/// wherever another persistable object refers to an instance of this type, the instance is saved
/// as a record of its own and the reference is written as its <see cref="Id"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class PersistableAttribute : Attribute
{
    /// <summary>Registers the type under its full name (namespace and type name) as its tag.</summary>
    /// <remarks>
    /// The tag is then tied to the class's name: renaming or moving the class changes its tag, and every
    /// record saved before no longer loads ("its type tag ... is not registered"). Give types whose
    /// records must outlive a refactoring an explicit tag with <see cref="PersistableAttribute(string)"/>,
    /// and when renaming a class that had none, keep its old full name as the tag:
    /// <c>[Persistable("MyApp.OldName")]</c>.
    /// </remarks>
    public PersistableAttribute()
    {
    }

    /// <summary>Registers the type under <paramref name="tag"/>, which records name to find the type again.</summary>
    /// <param name="tag">The stable type tag. Keep it when the class is renamed or moved, so old records still load.</param>
    public PersistableAttribute(string tag) => Tag = tag;

    /// <summary>
    /// The stable type tag written into every record of this type; <see langword="null"/> means the full type
    /// name, which changes when the class is renamed or moved (see <see cref="PersistableAttribute()"/>).
    /// </summary>
    public string? Tag { get; }

    /// <summary>The prefix of IDs given to new objects of this type (default: the class name).</summary>
    public string? IdPrefix { get; set; }
}
