using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Engine;

/// <summary>
/// What one store knows of each object it loaded or saved: the record version it had (for
/// optimistic concurrency), the fingerprint of the record bytes it last wrote or read (so that a
/// cascade writes only the records whose bytes changed), and the fact that the object belongs to
/// the store's place (so that it is never saved into another store under an ID that means something
/// else there). Kept per object (not by ID), so two copies of one record loaded by different stores
/// or processes each keep what they were read at; for one object, the stores of one place share one
/// entry, so a store saving an object another store of its place loaded checks the version it was loaded at.
/// </summary>
/// <remarks>
/// The entries live on the object, in a slot every generated type has
/// (<see cref="IPersistableBody.StoreVersions"/>): a chain of immutable (store, version, fingerprint)
/// entries, almost always one. A weak table by object cost each load a dependent GC handle, which the
/// collector rescans as the number of loaded objects grows.
/// </remarks>
internal sealed class ObjectVersions
{
    private Func<string>? _location;
    private string? _cachedLocation;

    /// <summary>Creates the table of a store whose place is given by <paramref name="location"/> (asked once, when first needed).</summary>
    public ObjectVersions(Func<string> location) => _location = location;

    /// <summary>
    /// The store is disposed: it lets go of the store (the location closure), so an object outliving its stores
    /// does not keep them alive. Its entries stay, place and version: a store of the same place saving the object
    /// later checks the version this one saw, and replaces the entry (one per place, see <see cref="Without"/>),
    /// so the chain never grows longer than the number of places the object was saved to.
    /// </summary>
    public void Close()
    {
        _ = Location;
        _location = null;
    }

    /// <summary>
    /// The place the store keeps its records (a directory, a database table): every store opened on
    /// the same place shares its objects' IDs, so an object of one may be saved by another.
    /// </summary>
    public string Location => _cachedLocation ??= _location!();

    /// <summary>The record version this store last saw for <paramref name="obj"/>; <see langword="false"/> when it knows none.</summary>
    public bool TryGet(object obj, out long version)
    {
        var entry = Find(obj);
        version = entry?.Version ?? 0;
        return version != 0;
    }

    /// <summary>Whether this store last wrote or read for <paramref name="obj"/> a record whose fingerprint is <paramref name="fingerprint"/>.</summary>
    public bool HasFingerprint(object obj, ulong fingerprint) => fingerprint != 0 && Find(obj)?.Fingerprint == fingerprint;

    /// <summary>The object is stored at <paramref name="version"/>; the fingerprint it had stays.</summary>
    public void Set(object obj, long version)
    {
        var entry = Find(obj);
        Put(obj, version, entry?.Fingerprint ?? 0);
    }

    /// <summary>The object was read or written at <paramref name="version"/> (0: the store keeps none) as a record of <paramref name="fingerprint"/>.</summary>
    public void Remember(object obj, long version, ulong fingerprint) => Put(obj, version, fingerprint);

    /// <summary>The store wrote the record of <paramref name="fingerprint"/> for the object; the version it set (if any) stays.</summary>
    public void RememberWritten(object obj, ulong fingerprint)
    {
        var entry = Find(obj);
        if (entry is null || entry.Fingerprint != fingerprint)
        {
            Put(obj, entry?.Version ?? 0, fingerprint);
        }
    }

    /// <summary>
    /// The record is gone (removed): the object keeps belonging to the store, but with no version
    /// and no fingerprint, so saving it again writes a new record under its ID.
    /// </summary>
    public void Forget(object obj) => Put(obj, 0, 0);

    /// <summary>
    /// Which stores <paramref name="obj"/> belongs to: this store's place (a store opened there
    /// loaded or saved it), only other places (<paramref name="elsewhere"/> names one), or none (no
    /// store saw it: a new object, or one whose ID was set by hand).
    /// </summary>
    public Ownership OwnerOf(object obj, out string elsewhere)
    {
        var first = Slot(obj).StoreVersions as Entry;
        elsewhere = "";
        if (first is null)
        {
            return Ownership.None;
        }

        if (ReferenceEquals(first.Owner, this))
        {
            return Ownership.Here;
        }

        var location = Location;
        for (var entry = first; entry is not null; entry = entry.Next)
        {
            if (ReferenceEquals(entry.Owner, this) || string.Equals(entry.Owner.Location, location, StringComparison.Ordinal))
            {
                return Ownership.Here;
            }
        }

        elsewhere = first.Owner.Location;
        return Ownership.Elsewhere;
    }

    private static IPersistableBody Slot(object obj) => (IPersistableBody)obj;

    // The entry of this store's place: this store's, or that of another store of its place (an object loaded by one
    // store and saved by the next, as with a store per unit of work), which holds the version the stored record must
    // still have. Put keeps one entry per place, so the first found is the one.
    private Entry? Find(object obj)
    {
        for (var entry = Slot(obj).StoreVersions as Entry; entry is not null; entry = entry.Next)
        {
            if (ReferenceEquals(entry.Owner, this) || SamePlace(entry))
            {
                return entry;
            }
        }

        return null;
    }

    private bool SamePlace(Entry entry) => string.Equals(entry.Owner.Location, Location, StringComparison.Ordinal);

    private void Put(object obj, long version, ulong fingerprint)
    {
        var slot = Slot(obj);
        var first = slot.StoreVersions as Entry;
        slot.StoreVersions = first is null || (ReferenceEquals(first.Owner, this) && first.Next is null)
            ? new Entry(this, version, fingerprint, null)
            : new Entry(this, version, fingerprint, Without(first));
    }

    // The chain without the entries of this store's place (one entry per place, so every store there reads the
    // version the last of them saw); entries are immutable, so readers on other threads see the old chain or the new.
    private Entry? Without(Entry? entry)
        => entry is null ? null
            : ReferenceEquals(entry.Owner, this) || SamePlace(entry) ? Without(entry.Next)
            : new Entry(entry.Owner, entry.Version, entry.Fingerprint, Without(entry.Next));

    /// <summary>The answer of <see cref="OwnerOf"/>.</summary>
    internal enum Ownership
    {
        /// <summary>No store has loaded or saved the object.</summary>
        None,

        /// <summary>A store of this place loaded or saved it.</summary>
        Here,

        /// <summary>Only stores of other places did.</summary>
        Elsewhere,
    }

    private sealed record Entry(ObjectVersions Owner, long Version, ulong Fingerprint, Entry? Next);
}
