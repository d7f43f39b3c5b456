using System.ComponentModel;
using MemoryPack;

namespace Gc3.Persistence.Serialization;

/// <summary>
/// MemoryPack's formatter of a multidimensional array, refusing to write one whose lower bounds are not zero
/// (made with <c>Array.CreateInstance(type, lengths, lowerBounds)</c>): a record keeps only the lengths, so
/// such an array would load zero-based, its elements under other indices. Registered by generated code for every
/// multidimensional array shape a member uses. Not meant to be used by hand.
/// </summary>
/// <typeparam name="TArray">The array type, <c>T[,]</c>, <c>T[,,]</c> or <c>T[,,,]</c>.</typeparam>
/// <param name="inner">MemoryPack's formatter of that array type, which reads and writes the bytes.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ZeroBasedArrayFormatter<TArray>(MemoryPackFormatter<TArray> inner) : MemoryPackFormatter<TArray>
{
    /// <inheritdoc/>
    public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref TArray? value)
    {
        if (value is Array array)
        {
            for (var dimension = 0; dimension < array.Rank; dimension++)
            {
                if (array.GetLowerBound(dimension) != 0)
                {
                    throw new MemoryPackSerializationException(
                        $"A {typeof(TArray).Name} whose dimension {dimension} starts at index {array.GetLowerBound(dimension)} cannot be kept exactly: "
                        + "a record holds an array's lengths, not its lower bounds, so it would load zero-based. Copy it into a zero-based array first.");
                }
            }
        }

        inner.Serialize(ref writer, ref value);
    }

    /// <inheritdoc/>
    public override void Deserialize(ref MemoryPackReader reader, scoped ref TArray? value) => inner.Deserialize(ref reader, ref value);
}
