using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Gc3.Persistence.Tests;

/// <summary>
/// Members of every collection type with a comparer, each made by the constructor with a comparer of its own (which
/// <see cref="Keys"/> chooses, so a test can change it between a save and a load), and one that shares an instance.
/// </summary>
[Persistable("test.comparers")]
public partial class Comparers
{
    /// <summary>One empty set every object starts with: a load must never fill it.</summary>
    public static readonly HashSet<string> SharedEmpty = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The comparer new objects get; case-insensitive unless a test says otherwise.</summary>
    public static StringComparer Keys { get; set; } = StringComparer.OrdinalIgnoreCase;

    public Dictionary<string, int> Counts { get; set; } = new(Keys);

    public HashSet<string> Tags { get; set; } = new(Keys);

    public SortedSet<string> Sorted { get; set; } = new(Keys);

    public SortedDictionary<string, long> SortedCounts { get; set; } = new(Keys);

    public SortedList<string, string> Listed { get; set; } = new(Keys);

    public ConcurrentDictionary<string, int> Shared { get; set; } = new(Keys);

    public ImmutableDictionary<string, int> Frozen { get; set; } = ImmutableDictionary.Create<string, int>(Keys);

    public ImmutableHashSet<string> FrozenTags { get; set; } = ImmutableHashSet.Create<string>(Keys);

    public HashSet<string> FromShared { get; set; } = SharedEmpty;

    public Dictionary<string, int> Plain { get; set; } = [];

    public HashSet<int>? Absent { get; set; }
}
