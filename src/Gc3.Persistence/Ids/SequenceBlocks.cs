namespace Gc3.Persistence;

/// <summary>
/// Hands out sequence numbers for new IDs from blocks reserved in one call to a sequence source (a
/// counter file, a counter table, a caller's function), so that most numbers cost no round trip. The
/// block grows by doubling (1, 2, 4 ... <see cref="MaxBlock"/>) while numbers keep being asked for:
/// one-off saves stay consecutive (job.1, job.2) and bulk saves rarely touch the source. Numbers of
/// a block not used up are lost when the process ends, never given twice. Thread-safe.
/// </summary>
internal sealed class SequenceBlocks
{
    /// <summary>The largest block the stores reserve at once.</summary>
    public const int DefaultMaxBlock = 256;

    private readonly Func<int, long> _reserve;
    private readonly Func<long, long>? _movePast;
    private readonly Lock _gate = new();
    private long _next;
    private int _left;
    private int _blockSize = 1;

    // The source's counter is known to be at least this (it only grows): numbers below it need no call to move it.
    private long _sourceFloor;

    /// <summary>Creates the blocks over <paramref name="reserve"/>.</summary>
    /// <param name="reserve">Given <c>n</c>, reserves <c>n</c> consecutive numbers and returns the first; called under this object's lock.</param>
    /// <param name="maxBlock">The largest block reserved when numbers are taken one at a time; 1 reserves each number on its own.</param>
    /// <param name="movePast">
    /// Given <c>n</c>, makes sure the source never gives <c>n</c> or a number below it, and returns the
    /// next number it will give; called under this object's lock. <see langword="null"/>: the source cannot be moved.
    /// </param>
    public SequenceBlocks(Func<int, long> reserve, int maxBlock = DefaultMaxBlock, Func<long, long>? movePast = null)
    {
        ArgumentNullException.ThrowIfNull(reserve);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBlock);
        _reserve = reserve;
        _movePast = movePast;
        MaxBlock = maxBlock;
    }

    /// <summary>The largest block reserved when numbers are taken one at a time.</summary>
    public int MaxBlock { get; }

    /// <summary>The next number: from the current block, or the first of a new one, twice as large as the last (up to <see cref="MaxBlock"/>).</summary>
    public long Next()
    {
        lock (_gate)
        {
            if (_left == 0)
            {
                _next = ReserveFromSource(_blockSize);
                _left = _blockSize;
                _blockSize = Math.Min(_blockSize * 2, MaxBlock);
            }

            _left--;
            return _next++;
        }
    }

    /// <summary>
    /// <paramref name="count"/> consecutive numbers, returning the first: one number is <see cref="Next"/>;
    /// more are reserved from the source at once, and the current block stays for the next <see cref="Next"/>.
    /// </summary>
    public long Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (count == 1)
        {
            return Next();
        }

        lock (_gate)
        {
            return ReserveFromSource(count);
        }
    }

    /// <summary>
    /// Makes sure no number up to <paramref name="seqNo"/> is given out any more, by this object or
    /// by the source: a record was written under it with an ID the numbers did not give (a replace, a
    /// copy). Numbers of the current block up to it are dropped; the source is asked only when it
    /// may not be past it yet.
    /// </summary>
    public void MovePast(long seqNo)
    {
        lock (_gate)
        {
            if (_left > 0 && _next <= seqNo)
            {
                var dropped = Math.Min(seqNo - _next + 1, _left);
                _next += dropped;
                _left -= (int)dropped;
            }

            if (seqNo >= _sourceFloor && _movePast is not null)
            {
                _sourceFloor = Math.Max(_sourceFloor, _movePast(seqNo));
            }
        }
    }

    private long ReserveFromSource(int count)
    {
        var first = _reserve(count);
        _sourceFloor = Math.Max(_sourceFloor, first + count);
        return first;
    }

    /// <summary>
    /// Makes sure the next <paramref name="count"/> calls of <see cref="Next"/> need no call to the
    /// source: numbers still held stay when there are enough of them, and are replaced by a block of
    /// <paramref name="count"/> numbers, reserved at once, when there are not.
    /// </summary>
    public void Reserve(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            if (_left >= count)
            {
                return;
            }

            _next = ReserveFromSource(count);
            _left = count;
        }
    }
}
