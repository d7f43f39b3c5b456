using System.Buffers;
using System.Buffers.Binary;
using System.ComponentModel;

namespace Gc3.Persistence.Serialization;

/// <summary>
/// One contiguous, growable buffer that the records of a save are written into back to back.
/// Because it is contiguous, a member's length can be written after the member itself (see
/// <see cref="MemberFraming"/>) without serializing the member twice.
/// </summary>
/// <remarks>
/// It starts on an array of its own; beyond that it grows on arrays rented from the shared pool,
/// which <see cref="Clear"/> gives back. A <c>SaveMany</c> of thousands of records needs megabytes:
/// allocated anew each time, they went to the large object heap and brought on a full collection
/// per batch.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RecordBuffer : IBufferWriter<byte>
{
    private readonly byte[] _own;
    private byte[] _buffer;
    private int _written;

    /// <summary>Creates an empty buffer.</summary>
    public RecordBuffer(int initialCapacity = 4096)
    {
        _own = new byte[Math.Max(initialCapacity, 256)];
        _buffer = _own;
    }

    /// <summary>Bytes written and advanced so far.</summary>
    public int WrittenCount => _written;

    /// <summary>Where the body of the record being written starts; member lengths are patched relative to it.</summary>
    internal int BodyStart { get; set; }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>A slice of the bytes written so far.</summary>
    public ReadOnlyMemory<byte> Slice(int start, int length) => _buffer.AsMemory(start, length);

    /// <inheritdoc/>
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written))
        {
            throw new InvalidOperationException("Cannot advance past the end of the buffer.");
        }

        _written += count;
    }

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Overwrites four bytes already written (a member or body length placeholder).</summary>
    internal void PatchInt32(int offset, int value) => BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(offset, 4), value);

    /// <summary>Forgets what was written from <paramref name="count"/> bytes on (a record that will not be written after all).</summary>
    internal void Truncate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)_written, nameof(count));
        _written = count;
    }

    /// <summary>
    /// Forgets the content and gives back a rented array: nothing written before (nor a slice of it)
    /// may be used afterwards.
    /// </summary>
    public void Clear()
    {
        _written = 0;
        BodyStart = 0;
        ReturnRented();
        _buffer = _own;
    }

    private void Ensure(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        var newSize = Math.Max(_buffer.Length * 2, _written + needed);
        if ((uint)newSize > Array.MaxLength)
        {
            newSize = Math.Max(Array.MaxLength, _written + needed);
        }

        var larger = ArrayPool<byte>.Shared.Rent(newSize);
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ReturnRented();
        _buffer = larger;
    }

    private void ReturnRented()
    {
        if (!ReferenceEquals(_buffer, _own))
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
