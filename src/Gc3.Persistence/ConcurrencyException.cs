namespace Gc3.Persistence;

/// <summary>
/// A save was refused because the record changed in the store since this object was loaded or last
/// saved (optimistic concurrency): another process or store instance saved or removed it in between.
/// Nothing of that save was written. Load the object again (after <see cref="IStore.InvalidateCache"/>),
/// apply the change to the fresh copy, and save that.
/// </summary>
/// <remarks>
/// Versions start at 1; 0 stands for "no record". The SQL stores count them; the file store's version of a
/// record is its fingerprint (its length and checksum), a number that only says whether the record changed.
/// </remarks>
public class ConcurrencyException : StoreException
{
    /// <summary>Creates the exception of a record that changed in the store since the object was loaded or last saved.</summary>
    /// <param name="id">The ID of the record that was saved by someone else.</param>
    /// <param name="expectedVersion">The version this object was loaded or last saved at; 0 for a new object (no record was expected).</param>
    /// <param name="actualVersion">The version the store holds; 0 when the record was removed.</param>
    public ConcurrencyException(Id id, long expectedVersion, long actualVersion)
        : this(id ?? throw new ArgumentNullException(nameof(id)), expectedVersion, actualVersion, Describe(id, expectedVersion, actualVersion))
    {
    }

    // A store whose versions mean nothing to a user (the file store's fingerprints) says what changed in its own words.
    internal ConcurrencyException(Id id, long expectedVersion, long actualVersion, string message)
        : base(message)
    {
        Id = id;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    // A new object that another save in flight is creating (NewObjectClaims): no record yet, on either side.
    internal ConcurrencyException(Id id, string message)
        : this(id, 0, 0, message) => NewObjectInFlight = true;

    /// <summary>The ID of the record whose save was refused.</summary>
    public Id Id { get; }

    /// <summary>The version the object was loaded or last saved at; 0 for a new object.</summary>
    public long ExpectedVersion { get; }

    /// <summary>The version the store holds; 0 when the record was removed.</summary>
    public long ActualVersion { get; }

    // Whether the object is new and another save is creating it: nothing stored is stale, so the identity map keeps its entry.
    internal bool NewObjectInFlight { get; }

    private static string Describe(Id id, long expected, long actual)
    {
        if (expected == 0)
        {
            // A store without versions (the file store) gives 0.
            return $"Cannot save the new object '{id}': the store already holds a record under that ID{(actual > 0 ? $" (version {actual})" : "")}. " +
                "Another save wrote one there first (the store's own Save of this object after a transaction's Save gave it its ID, " +
                "or another store or process saving under that ID), or the ID factory gave out an ID that was in use. Nothing was written.";
        }

        var holds = actual == 0 ? "the record was removed" : $"the store holds version {actual}";
        return $"Cannot save '{id}': it was changed by someone else since it was loaded or last saved here " +
            $"(expected version {expected}, but {holds}). Nothing was written; load it again, apply the change and save.";
    }
}
