using System.ComponentModel;
using System.Numerics;
using MemoryPack;

namespace Gc3.Persistence.Serialization;

/// <summary>
/// Writes a <see cref="BigInteger"/> as its two's-complement bytes, little-endian (<see cref="BigInteger.ToByteArray()"/>),
/// and reads them back. MemoryPack 1.21.4's own formatter reads every value back as 0. Registered for the whole
/// process by <see cref="PersistableRegistry"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BigIntegerFormatter : MemoryPackFormatter<BigInteger>
{
    /// <inheritdoc/>
    public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref BigInteger value)
        => writer.WriteUnmanagedArray(value.ToByteArray());

    /// <inheritdoc/>
    public override void Deserialize(ref MemoryPackReader reader, scoped ref BigInteger value)
    {
        var bytes = reader.ReadUnmanagedArray<byte>();
        value = bytes is null || bytes.Length == 0 ? BigInteger.Zero : new BigInteger(bytes);
    }
}
