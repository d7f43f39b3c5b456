using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.ComponentModel;
using MemoryPack;

namespace Gc3.Persistence.Serialization;

/// <summary>
/// Reads a member that is a collection with a comparer (<c>Dictionary</c>, <c>HashSet</c>, <c>SortedSet</c>,
/// <c>SortedDictionary</c>, <c>SortedList</c>, <c>ConcurrentDictionary</c>, <c>ImmutableDictionary</c>,
/// <c>ImmutableHashSet</c>) into a new collection with the comparer of
/// the member's value as the object's constructor left it (<c>= new(StringComparer.OrdinalIgnoreCase)</c>), rather
/// than MemoryPack's default one: a record holds no comparer, so the class's own initializer is the one to keep.
/// The initial collection itself is never changed (it may be shared). Elements that are equal under that comparer
/// (it changed since the record was written) would merge: that fails the load, naming the member. Called by
/// generated serializers; not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ComparerCollections
{
    /// <summary>Reads a dictionary member, with the comparer of <paramref name="initial"/> when it has one of its own.</summary>
    public static Dictionary<TKey, TValue>? Read<TKey, TValue>(ref MemoryPackReader reader, Dictionary<TKey, TValue>? initial, string member)
        where TKey : notnull
        => initial is null || IsDefault(initial.Comparer) ? reader.ReadValue<Dictionary<TKey, TValue>>() : Into(ref reader, new Dictionary<TKey, TValue>(initial.Comparer), static d => d.Count, member, initial.Comparer);

    /// <summary>Reads a set member, with the comparer of <paramref name="initial"/> when it has one of its own.</summary>
    public static HashSet<T>? Read<T>(ref MemoryPackReader reader, HashSet<T>? initial, string member)
        => initial is null || IsDefault(initial.Comparer) ? reader.ReadValue<HashSet<T>>() : Into(ref reader, new HashSet<T>(initial.Comparer), static s => s.Count, member, initial.Comparer);

    /// <summary>Reads a sorted set member, with the comparer of <paramref name="initial"/> when it has one of its own.</summary>
    public static SortedSet<T>? Read<T>(ref MemoryPackReader reader, SortedSet<T>? initial, string member)
        => initial is null || IsDefault(initial.Comparer) ? reader.ReadValue<SortedSet<T>>() : Into(ref reader, new SortedSet<T>(initial.Comparer), static s => s.Count, member, initial.Comparer);

    /// <summary>Reads a sorted dictionary member, with the comparer of <paramref name="initial"/> when it has one of its own.</summary>
    public static SortedDictionary<TKey, TValue>? Read<TKey, TValue>(ref MemoryPackReader reader, SortedDictionary<TKey, TValue>? initial, string member)
        where TKey : notnull
        => initial is null || IsDefault(initial.Comparer) ? reader.ReadValue<SortedDictionary<TKey, TValue>>() : Into(ref reader, new SortedDictionary<TKey, TValue>(initial.Comparer), static d => d.Count, member, initial.Comparer);

    /// <summary>Reads a sorted list member, with the comparer of <paramref name="initial"/> when it has one of its own.</summary>
    public static SortedList<TKey, TValue>? Read<TKey, TValue>(ref MemoryPackReader reader, SortedList<TKey, TValue>? initial, string member)
        where TKey : notnull
        => initial is null || IsDefault(initial.Comparer) ? reader.ReadValue<SortedList<TKey, TValue>>() : Into(ref reader, new SortedList<TKey, TValue>(initial.Comparer), static d => d.Count, member, initial.Comparer);

    /// <summary>Reads a concurrent dictionary member, with the comparer of <paramref name="initial"/> when it has one of its own.</summary>
    public static ConcurrentDictionary<TKey, TValue>? Read<TKey, TValue>(ref MemoryPackReader reader, ConcurrentDictionary<TKey, TValue>? initial, string member)
        where TKey : notnull
        => initial is null || IsDefault(initial.Comparer) ? reader.ReadValue<ConcurrentDictionary<TKey, TValue>>() : Into(ref reader, new ConcurrentDictionary<TKey, TValue>(initial.Comparer), static d => d.Count, member, initial.Comparer);

    /// <summary>Reads an immutable dictionary member, with the comparers of <paramref name="initial"/> when it has its own.</summary>
    public static ImmutableDictionary<TKey, TValue>? Read<TKey, TValue>(ref MemoryPackReader reader, ImmutableDictionary<TKey, TValue>? initial, string member)
        where TKey : notnull
    {
        var value = reader.ReadValue<ImmutableDictionary<TKey, TValue>>();
        if (value is null || initial is null || (IsDefault(initial.KeyComparer) && IsDefault(initial.ValueComparer)))
        {
            return value;
        }

        // WithComparers merges keys equal under the new comparer that hold equal values, and throws for the others.
        ImmutableDictionary<TKey, TValue> kept;
        try
        {
            kept = value.WithComparers(initial.KeyComparer, initial.ValueComparer);
        }
        catch (ArgumentException e)
        {
            throw Merged(member, value.Count, initial.KeyComparer, e);
        }

        return kept.Count != value.Count ? throw Merged(member, value.Count, initial.KeyComparer, null) : kept;
    }

    /// <summary>Reads an immutable set member, with the comparer of <paramref name="initial"/> when it has one of its own.</summary>
    public static ImmutableHashSet<T>? Read<T>(ref MemoryPackReader reader, ImmutableHashSet<T>? initial, string member)
    {
        var value = reader.ReadValue<ImmutableHashSet<T>>();
        if (value is null || initial is null || IsDefault(initial.KeyComparer))
        {
            return value;
        }

        var kept = value.WithComparer(initial.KeyComparer);
        return kept.Count != value.Count ? throw Merged(member, value.Count, initial.KeyComparer, null) : kept;
    }

    private static bool IsDefault<T>(IEqualityComparer<T> comparer) => ReferenceEquals(comparer, EqualityComparer<T>.Default);

    private static bool IsDefault<T>(IComparer<T> comparer) => ReferenceEquals(comparer, Comparer<T>.Default);

    // MemoryPack's formatters of these collections fill the instance they are given (cleared first): the new, empty one.
    private static TCollection? Into<TCollection>(ref MemoryPackReader reader, TCollection empty, Func<TCollection, int> count, string member, object comparer)
        where TCollection : class
    {
        reader.TryPeekCollectionHeader(out var stored);
        var value = empty;
        try
        {
            reader.ReadValue(ref value);
        }
        catch (ArgumentException e)
        {
            throw Merged(member, stored, comparer, e);
        }

        return value is not null && count(value) != stored ? throw Merged(member, stored, comparer, null) : value;
    }

    private static MemberValueException Merged(string member, int stored, object comparer, Exception? inner) => new(
        $"the member '{member}' holds {stored} elements, some of them equal under the comparer its class gives it ({comparer.GetType().Name}), " +
        "so they would merge into one: was the comparer changed since the record was written? Load it with the comparer it had, or give the member a collection without one", inner);
}
