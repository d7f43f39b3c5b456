using System.Buffers;
using System.Buffers.Binary;
using System.ComponentModel;

namespace Gc3.Persistence.Serialization;

/// <summary>
/// One contiguous, growable buffer that the records of a save are written into back to back.
/// Because it is contiguous, a member's length can be written after the member itself (see
/// <see cref="MemberFraming"/>) without serializing the member twice.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RecordBuffer : IBufferWriter<byte>
{
    private const int ShrinkAbove = 1 << 20;
    private byte[] _buffer;
    private int _written;

    /// <summary>Creates an empty buffer.</summary>
    public RecordBuffer(int initialCapacity = 4096) => _buffer = new byte[Math.Max(initialCapacity, 256)];

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

    /// <summary>Forgets the content, keeping the capacity unless it grew very large.</summary>
    public void Clear()
    {
        _written = 0;
        BodyStart = 0;
        if (_buffer.Length > ShrinkAbove)
        {
            _buffer = new byte[4096];
        }
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

        Array.Resize(ref _buffer, newSize);
    }
}
