using System.ComponentModel;
using System.Runtime.CompilerServices;
using MemoryPack;

namespace Gc3.Persistence.Serialization;

/// <summary>
/// Writes and reads a nullable scalar member (<c>int?</c>, <c>DateTime?</c>) of a generated
/// serializer as the raw bytes MemoryPack's <c>NullableFormatter</c> writes for it, called directly
/// instead of through a formatter lookup and a generic virtual call. Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NullableScalars
{
    /// <summary>Writes <paramref name="value"/>.</summary>
    public static void Write<T>(ref MemoryPackWriter<RecordBuffer> writer, T? value)
        where T : unmanaged
        => writer.DangerousWriteUnmanaged(value);

    /// <summary>Reads a value <see cref="Write"/> wrote; a <c>HasValue</c> byte other than 0 or 1 is an <see cref="InvalidDataException"/>.</summary>
    public static T? Read<T>(ref MemoryPackReader reader)
        where T : unmanaged
    {
        // GetSpanReference checks that the whole value remains, before a byte of it is read.
        var hasValue = reader.GetSpanReference(Unsafe.SizeOf<T?>());
        if (hasValue > 1)
        {
            throw new InvalidDataException($"a nullable {typeof(T).Name} has the HasValue byte {hasValue}, neither 0 nor 1");
        }

        reader.DangerousReadUnmanaged(out T? value);
        return value;
    }
}
