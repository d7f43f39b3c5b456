using System.Collections.Concurrent;
using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Engine;

/// <summary>
/// What one store knows of each object it loaded or saved: the record version it had (for
/// optimistic concurrency), the fingerprint of the record bytes it last wrote or read (so that a
/// cascade writes only the records whose bytes changed), and the fact that the object belongs to
/// the store's place (so that it is never saved into another store under an ID that means something
/// else there). Kept per object (not by ID), so two copies of one record loaded by different stores
/// or processes each keep what they were read at.
/// </summary>
/// <remarks>
/// The entries live on the object, in a slot every generated type has
/// (<see cref="IPersistableBody.StoreVersions"/>): a chain of immutable (store, version, fingerprint)
/// entries, almost always one. A weak table by object cost each load a dependent GC handle, which the
/// collector rescans as the number of loaded objects grows.
/// </remarks>
internal sealed class ObjectVersions
{
    // The place of each disposed store: what its entries become, since only the place matters once it is gone.
    private static readonly ConcurrentDictionary<string, ObjectVersions> Places = new(StringComparer.Ordinal);
    private Func<string>? _location;
    private string? _cachedLocation;
    private volatile bool _closed;

    /// <summary>Creates the table of a store whose place is given by <paramref name="location"/> (asked once, when first needed).</summary>
    public ObjectVersions(Func<string> location) => _location = location;

    /// <summary>
    /// The store is disposed: its versions and fingerprints serve no one any more, and it lets go of the
    /// store. An object it loaded or saved still belongs to its place; the next store that records the
    /// object keeps that place and drops the rest (see <see cref="Without"/>), so an object outliving many
    /// stores neither keeps them alive nor grows a chain of entries with each one.
    /// </summary>
    public void Close()
    {
        _ = Location;
        _location = null;
        _closed = true;
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

    private Entry? Find(object obj)
    {
        for (var entry = Slot(obj).StoreVersions as Entry; entry is not null; entry = entry.Next)
        {
            if (ReferenceEquals(entry.Owner, this))
            {
                return entry;
            }
        }

        return null;
    }

    private void Put(object obj, long version, ulong fingerprint)
    {
        var slot = Slot(obj);
        var first = slot.StoreVersions as Entry;
        slot.StoreVersions = first is null || (ReferenceEquals(first.Owner, this) && first.Next is null)
            ? new Entry(this, version, fingerprint, null)
            : new Entry(this, version, fingerprint, Without(first));
    }

    // The chain without this store's entry, and with one place-only entry for the disposed stores of
    // each other place; entries are immutable, so readers on other threads see either the old chain or the new one.
    private Entry? Without(Entry? first)
    {
        var kept = new List<Entry>();
        for (var entry = first; entry is not null; entry = entry.Next)
        {
            if (ReferenceEquals(entry.Owner, this))
            {
                continue;
            }

            if (entry.Owner._closed)
            {
                var location = entry.Owner.Location;
                var place = Places.GetOrAdd(location, static l => new ObjectVersions(l));
                if (string.Equals(location, Location, StringComparison.Ordinal) || kept.Exists(k => ReferenceEquals(k.Owner, place)))
                {
                    continue; // this store, or a kept entry, stands for that place already
                }

                kept.Add(new Entry(place, 0, 0, null));
                continue;
            }

            kept.Add(entry);
        }

        Entry? chain = null;
        for (var i = kept.Count - 1; i >= 0; i--)
        {
            chain = new Entry(kept[i].Owner, kept[i].Version, kept[i].Fingerprint, chain);
        }

        return chain;
    }

    // The owner of the entries of the disposed stores of one place.
    private ObjectVersions(string location)
    {
        _cachedLocation = location;
        _closed = true;
    }

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
