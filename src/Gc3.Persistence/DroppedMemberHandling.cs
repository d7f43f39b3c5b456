namespace Gc3.Persistence;

/// <summary>
/// What a save does with an object loaded from a record that held members its class lacks: a record written by another
/// version of the class, where a newer version's values would be lost (see <c>docs/changing-your-classes.md</c>).
/// </summary>
public enum DroppedMemberHandling
{
    /// <summary>
    /// The save writes the object as its class is, without those members, and the store logs a warning naming them
    /// (event 1009) and counts the record (<c>gc3.persistence.members.dropped</c>) (the default): right when they were
    /// removed from the class on purpose.
    /// </summary>
    Warn,

    /// <summary>
    /// The save throws <see cref="StoreException"/> naming the record and the members, and writes nothing: for the
    /// processes of an application whose versions share a store, so that an older one never loses what a newer one
    /// wrote. A save that only reaches such an object, unchanged, does not write it, and is not refused.
    /// </summary>
    Refuse,
}
