using System.Buffers.Binary;

namespace Gc3.Persistence.Schemas;

/// <summary>
/// A cursor over the MemoryPack bytes of a record body (or one member of it) that trusts nothing: every
/// read checks the bytes that remain first, and a shortfall is an <see cref="InvalidDataException"/>
/// saying what did not fit. <see cref="MaxDepth"/> bounds how deeply the values read through it may nest.
/// </summary>
internal ref struct SchemaBodyReader(ReadOnlySpan<byte> bytes, int maxDepth = SchemaWalker.MaxDepth)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;

    /// <summary>How deeply values may nest (<see cref="StoreOptions.MaxNestingDepth"/>); a reader over a part of these bytes takes it along.</summary>
    public readonly int MaxDepth { get; } = maxDepth;

    /// <summary>
    /// What a conversion reading through this reader could not keep, each once: the members of <c>[MemoryPackable]</c>
    /// objects the loading type's version of the object lacks (<c>Type.Member</c>), and enum names it loaded as the
    /// enum's <c>[PersistUnknownEnumValue]</c> member; <see langword="null"/> when none.
    /// </summary>
    public List<string>? Dropped { get; set; }

    /// <summary>Says that a conversion skipped <paramref name="what"/> (see <see cref="Dropped"/>), once.</summary>
    public void Drop(string what)
    {
        if (!(Dropped ??= []).Contains(what))
        {
            Dropped.Add(what);
        }
    }

    /// <summary>Takes along what a conversion reading through a reader over a part of these bytes skipped.</summary>
    public void DropAll(List<string>? dropped)
    {
        foreach (var what in dropped ?? [])
        {
            Drop(what);
        }
    }

    /// <summary>How many bytes were read.</summary>
    public int Position { get; private set; }

    /// <summary>How many bytes remain.</summary>
    public readonly int Remaining => _bytes.Length - Position;

    /// <summary>The bytes from <paramref name="start"/> to the current position.</summary>
    public readonly ReadOnlySpan<byte> Since(int start) => _bytes[start..Position];

    /// <summary>Takes the next <paramref name="count"/> bytes.</summary>
    public ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count < 0 || count > Remaining)
        {
            throw new InvalidDataException($"{what} needs {count} bytes, but {Remaining} remain");
        }

        var taken = _bytes.Slice(Position, count);
        Position += count;
        return taken;
    }

    /// <summary>
    /// Takes the next <paramref name="count"/> bytes; <paramref name="format"/> with <paramref name="arg"/> says what they
    /// are, formatted only when they are not there (the walker's common path allocates nothing).
    /// </summary>
    public ReadOnlySpan<byte> Take(int count, string format, object arg)
    {
        if (count < 0 || count > Remaining)
        {
            Take(count, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, arg));
        }

        return Take(count, format);
    }

    /// <summary>Reads one byte; see <see cref="Take(int, string, object)"/>.</summary>
    public byte ReadByte(string format, object arg) => Take(1, format, arg)[0];

    /// <summary>Reads a collection header as <see cref="ReadCount(int, string)"/>, the message formatted only on failure.</summary>
    public int ReadCount(int minElementSize, string format, object arg)
    {
        if (Remaining >= 4)
        {
            var count = BinaryPrimitives.ReadInt32LittleEndian(_bytes[Position..]);
            if (count >= -1 && (count <= 0 || count <= (Remaining - 4) / Math.Max(minElementSize, 1)))
            {
                Position += 4;
                return count;
            }
        }

        return ReadCount(minElementSize, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, arg));
    }

    /// <summary>Reads one byte.</summary>
    public byte ReadByte(string what) => Take(1, what)[0];

    /// <summary>Reads an int32.</summary>
    public int ReadInt32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, what));

    /// <summary>Reads an int64.</summary>
    public long ReadInt64(string what) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, what));

    /// <summary>
    /// Reads a collection header: -1 for null, else a count that <paramref name="minElementSize"/>-byte
    /// elements in the remaining bytes could reach.
    /// </summary>
    public int ReadCount(int minElementSize, string what) => ReadCount(minElementSize, what, "");

    /// <summary><see cref="ReadCount(int, string)"/>, the message put together only when the count is wrong.</summary>
    public int ReadCount<T>(int minElementSize, string before, T subject)
        where T : notnull
    {
        var count = BinaryPrimitives.ReadInt32LittleEndian(Take(4, before, subject));
        if (count < -1 || (count > 0 && count > Remaining / Math.Max(minElementSize, 1)))
        {
            throw new InvalidDataException($"{before}{subject} claims {count} elements, more than its {Remaining} remaining bytes can hold");
        }

        return count;
    }
}
