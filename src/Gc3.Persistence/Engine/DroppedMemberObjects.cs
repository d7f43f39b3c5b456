using System.Runtime.CompilerServices;

namespace Gc3.Persistence.Engine;

/// <summary>
/// The objects loaded from a record that held members their types lack (<see cref="DroppedMembers"/>), across every
/// store of the process. The fact belongs to the object and the record it was loaded from, not to the store instance
/// that loaded it: a store per unit of work (loaded through one store, saved through the next) and an
/// <c>Import</c> into another store write the object without those members too, and must warn or refuse as well.
/// </summary>
internal static class DroppedMemberObjects
{
    // Made by the first such load only: until then, the check of each saved object is one read of a null field.
    private static ConditionalWeakTable<object, DroppedMembers>? s_table;

    /// <summary><paramref name="obj"/> was loaded from a record holding the members <paramref name="dropped"/> names.</summary>
    public static void Remember(object obj, DroppedMembers dropped)
        => LazyInitializer.EnsureInitialized(ref s_table).AddOrUpdate(obj, dropped);

    /// <summary>What <see cref="Remember"/> said of <paramref name="obj"/>; <see langword="null"/> when nothing.</summary>
    public static DroppedMembers? Of(object obj)
        => Volatile.Read(ref s_table) is { } table && table.TryGetValue(obj, out var dropped) ? dropped : null;

    /// <summary>
    /// A save wrote <paramref name="obj"/> to the place at <paramref name="location"/>: what <see cref="Remember"/> said of it,
    /// forgotten when that was the place of the record it was loaded from (that record holds the members no more), and
    /// kept when the save wrote elsewhere (an import: the record it was loaded from holds them still).
    /// </summary>
    public static DroppedMembers? Written(object obj, string location)
    {
        if (Of(obj) is not { } dropped)
        {
            return null;
        }

        if (string.Equals(dropped.Location, location, StringComparison.Ordinal))
        {
            s_table!.Remove(obj);
        }

        return dropped;
    }
}
