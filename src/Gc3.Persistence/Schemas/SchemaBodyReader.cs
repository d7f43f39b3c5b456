using System.Buffers.Binary;

namespace Gc3.Persistence.Schemas;

/// <summary>
/// A cursor over the MemoryPack bytes of a record body (or one member of it) that trusts nothing: every
/// read checks the bytes that remain first, and a shortfall is an <see cref="InvalidDataException"/>
/// saying what did not fit.
/// </summary>
internal ref struct SchemaBodyReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;

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
    /// Takes the next <paramref name="count"/> bytes; the message of a shortfall names <paramref name="before"/>,
    /// <paramref name="subject"/> and <paramref name="after"/>, put together only then (a walk takes thousands of values).
    /// </summary>
    public ReadOnlySpan<byte> Take<T>(int count, string before, T subject, string after = "")
        where T : notnull
    {
        if (count < 0 || count > Remaining)
        {
            throw new InvalidDataException($"{before}{subject}{after} needs {count} bytes, but {Remaining} remain");
        }

        var taken = _bytes.Slice(Position, count);
        Position += count;
        return taken;
    }

    /// <summary>Reads one byte; the message of a shortfall is put together only then.</summary>
    public byte ReadByte<T>(string before, T subject, string after = "")
        where T : notnull
        => Take(1, before, subject, after)[0];

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
