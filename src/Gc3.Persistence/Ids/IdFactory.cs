namespace Gc3.Persistence;

/// <summary>
/// Gives out new <see cref="Id"/>s: a prefix (fixed, or by default the class name of the object)
/// and the next number from a sequence source. A store binds its own source (a counter file, a
/// database sequence), so its IDs are never reused, across threads, processes and restarts.
/// </summary>
public class IdFactory
{
    private readonly Func<int, long>? _nextSeqNo;
    private readonly SequenceBlocks _seqNos;
    private long _fallbackNext = 1;

    /// <summary>Creates a factory.</summary>
    /// <param name="prefix">The prefix of every ID, or <see langword="null"/> for the class name of each object.</param>
    /// <param name="nextSeqNo">
    /// The sequence source: given <c>n</c>, reserves <c>n</c> consecutive numbers and returns the first.
    /// <see langword="null"/> means "the store's own source" once the factory is given to a store, and
    /// an in-memory counter starting at 1 when the factory is used on its own.
    /// </param>
    public IdFactory(string? prefix = null, Func<int, long>? nextSeqNo = null)
    {
        if (prefix is not null && !Id.IsValidPrefix(prefix))
        {
            throw new ArgumentException($"'{Id.Escape(prefix)}' is not a valid ID prefix.", nameof(prefix));
        }

        Prefix = prefix;
        _nextSeqNo = nextSeqNo;

        // Blocks of one: each number is asked of the source when it is needed, unless Reserve took several.
        _seqNos = new SequenceBlocks(nextSeqNo ?? TakeFallback, maxBlock: 1);
    }

    /// <summary>The fixed prefix, or <see langword="null"/> when each object's class name is used.</summary>
    public string? Prefix { get; }

    /// <summary>Whether this factory was given its own sequence source.</summary>
    public bool HasSequenceSource => _nextSeqNo is not null;

    /// <summary>A factory with the same prefix that takes its numbers from <paramref name="nextSeqNo"/>.</summary>
    public virtual IdFactory WithSequenceSource(Func<int, long> nextSeqNo) => new(Prefix, nextSeqNo);

    /// <summary>A new ID for <paramref name="obj"/>.</summary>
    public Id New(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return New(Prefix ?? DefaultPrefixOf(obj));
    }

    /// <summary>A new ID with the factory's prefix, or <paramref name="defaultPrefix"/> when it has none.</summary>
    public Id New(string defaultPrefix) => new(Prefix ?? defaultPrefix, NextSeqNo());

    /// <summary>
    /// Pre-allocates <paramref name="n"/> numbers in one call to the sequence source, so that the next
    /// <paramref name="n"/> IDs cost no further round trip (to the counter file or the database).
    /// </summary>
    public void Reserve(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        _seqNos.Reserve(n);
    }

    /// <summary>Drops the numbers up to <paramref name="seqNo"/> that <see cref="Reserve"/> took and no ID has used yet.</summary>
    internal void MovePast(long seqNo) => _seqNos.MovePast(seqNo);

    private long NextSeqNo() => _seqNos.Next();

    // The in-memory counter of a factory used on its own; called under the lock of _seqNos.
    private long TakeFallback(int n)
    {
        var first = _fallbackNext;
        _fallbackNext += n;
        return first;
    }

    private static string DefaultPrefixOf(object obj)
        => Serialization.PersistableRegistry.TryGet(obj.GetType(), out var serializer) ? serializer.IdPrefix : obj.GetType().Name;
}
