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
    public PersistableAttribute()
    {
    }

    /// <summary>Registers the type under <paramref name="tag"/>, which records name to find the type again.</summary>
    /// <param name="tag">The stable type tag. Keep it when the class is renamed or moved, so old records still load.</param>
    public PersistableAttribute(string tag) => Tag = tag;

    /// <summary>The stable type tag written into every record of this type; <see langword="null"/> means the full type name.</summary>
    public string? Tag { get; }

    /// <summary>The prefix of IDs given to new objects of this type (default: the class name).</summary>
    public string? IdPrefix { get; set; }
}
