namespace Gc3.Persistence;

/// <summary>What a load does with a reference to a record that is not in the store (it was removed, or never written).</summary>
public enum MissingReferenceHandling
{
    /// <summary>The load throws <see cref="LoadException"/> naming the missing ID and the record that refers to it (the default).</summary>
    Throw,

    /// <summary>
    /// The reference loads as <see langword="null"/> and the store logs a warning naming both IDs
    /// through its <see cref="StoreOptions.LoggerFactory"/>. Saving the referrer again then writes the
    /// <see langword="null"/>: the reference is gone from the store too.
    /// </summary>
    LoadAsNull,
}
