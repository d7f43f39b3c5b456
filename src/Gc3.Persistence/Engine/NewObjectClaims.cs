namespace Gc3.Persistence.Engine;

/// <summary>
/// The objects that saves in flight are giving their first ID, across every store of the process. Without
/// it, two saves reaching one new object at the same moment (two threads saving two parents that share a
/// new child) would each give it an ID, and the store would hold two records of it, each parent referring
/// to its own; and a save that reached the object while another was still creating its record would write
/// it under that ID without a version to check, leaving a record behind if the creating save failed and
/// took the ID back. With a claim, the second save fails with a <see cref="ConcurrencyException"/> before
/// it writes anything; saved again once the first is done, it finds the object saved.
/// </summary>
/// <remarks>
/// A transaction's <c>Save</c> gives an ID without a claim: it may be held for as long as the user keeps the
/// transaction open, and a save meanwhile makes the commit fail (see <see cref="StoreTransaction"/>).
/// </remarks>
internal static class NewObjectClaims
{
    // A dictionary under a lock held for one lookup, rather than a concurrent one: adding to it allocates nothing
    // once it has grown, where a concurrent dictionary allocates a node per claim, that is, per new object saved.
    private static readonly Dictionary<object, (object Owner, Id Id)> Claims = new(ReferenceEqualityComparer.Instance);
    private static readonly Lock ClaimsLock = new();
    private const int MaxIdleCapacity = 16 * 1024;

    // How many claims are held: the check on every reached object costs one read while there are none.
    private static int s_count;

    /// <summary>Claims <paramref name="obj"/>, which has no ID, for <paramref name="owner"/>, which gives it <paramref name="id"/>.</summary>
    /// <exception cref="ConcurrencyException">Another save holds it, or gave it its ID since this one found it without.</exception>
    public static void Claim(IPersistable obj, object owner, Id id)
    {
        lock (ClaimsLock)
        {
            if (!Claims.TryAdd(obj, (owner, id)))
            {
                throw InFlight(obj, Claims[obj].Id);
            }

            Volatile.Write(ref s_count, Claims.Count);
        }

        // The caller gives the object its ID next: on a weakly ordered processor (ARM64) that write must not be seen
        // before the count, or another save could find the ID, read no claims, and write the object as saved.
        Volatile.WriteBarrier();
        if (obj.PersistentId is { } given)
        {
            Release(obj, owner);
            throw InFlight(obj, given);
        }
    }

    /// <summary>Throws when a save other than <paramref name="owner"/> is giving <paramref name="obj"/> its first ID.</summary>
    /// <exception cref="ConcurrencyException">Another save holds it.</exception>
    public static void ThrowIfClaimedByOther(object obj, object owner)
    {
        // The caller found the object's ID before calling: that read must not be done after this one of the count
        // (ARM64 may reorder two reads), or a claim made in between could go unseen. Free on x64.
        Volatile.ReadBarrier();
        if (Volatile.Read(ref s_count) == 0)
        {
            return;
        }

        Id? claimedId = null;
        lock (ClaimsLock)
        {
            if (Claims.TryGetValue(obj, out var claim) && !ReferenceEquals(claim.Owner, owner))
            {
                claimedId = claim.Id;
            }
        }

        if (claimedId is not null)
        {
            throw InFlight((IPersistable)obj, claimedId);
        }
    }

    /// <summary>Lets go of <paramref name="obj"/> if <paramref name="owner"/> holds it.</summary>
    public static void Release(object obj, object owner)
    {
        lock (ClaimsLock)
        {
            if (Claims.TryGetValue(obj, out var claim) && ReferenceEquals(claim.Owner, owner))
            {
                Claims.Remove(obj);
                Volatile.Write(ref s_count, Claims.Count);
                if (Claims.Count == 0 && Claims.EnsureCapacity(0) > MaxIdleCapacity)
                {
                    Claims.TrimExcess(); // a save of many new objects grew it: not kept for the life of the process
                }
            }
        }
    }

    private static ConcurrencyException InFlight(IPersistable obj, Id id) => new(
        id,
        $"Cannot save the new {obj.GetType().Name} '{id}': another save, at this moment, is giving it its first ID and creating its record " +
        "(two threads saved objects that share it). Nothing was written; save again once that save is done, or give a new object its ID " +
        "with one save before other threads save what refers to it.");
}
