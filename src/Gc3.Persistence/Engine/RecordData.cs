using System.Buffers;

namespace Gc3.Persistence.Engine;

/// <summary>
/// The bytes of one record as a store read them. When <see cref="Pooled"/> is set, the buffer was
/// rented from <see cref="ArrayPool{T}.Shared"/> and is returned there once the record is decoded.
/// </summary>
/// <param name="Buffer">The buffer holding the record from offset 0.</param>
/// <param name="Length">The record's length in bytes.</param>
/// <param name="Pooled">Whether <paramref name="Buffer"/> came from the shared array pool.</param>
/// <param name="Version">The record's version in a store that keeps versions (from 1); 0 in one that does not.</param>
public readonly record struct RecordData(byte[] Buffer, int Length, bool Pooled = false, long Version = 0)
{
    /// <summary>The record bytes.</summary>
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    internal void Release()
    {
        if (Pooled)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
