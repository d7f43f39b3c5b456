namespace Gc3.Persistence;

/// <summary>
/// Implemented by the generated part of every <see cref="PersistableAttribute"/> class: the ID a
/// store gave the object, and whether it changed since it was last saved or loaded.
/// </summary>
public interface IPersistable
{
    /// <summary>The object's ID in the store that saved or loaded it; <see langword="null"/> until it is first saved.</summary>
    Id? PersistentId { get; set; }

    /// <summary>
    /// Set by the generated setters of <c>partial</c> properties and cleared when the object is saved
    /// or loaded. In a cascade save, a referenced object is written again when this is set, when it
    /// has no ID yet, or when its type has members whose changes cannot be tracked.
    /// </summary>
    bool Changed { get; set; }
}
