using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MemoryPack;

namespace Gc3.Persistence.Serialization;

/// <summary>
/// The version-tolerant layout of a record body, used by generated code: a member count, then per
/// member its key (uint32), its length in bytes (int32) and its MemoryPack bytes. Readers skip keys
/// they do not know (a member removed since) and keep defaults for keys they do not find (a member
/// added since); the lengths also bound every member, so a corrupt length can't run past it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MemberFraming
{
    private const int HeaderSize = sizeof(uint) + sizeof(int);

    /// <summary>Writes a member's key and a length placeholder; returns where the member starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Begin(ref MemoryPackWriter<RecordBuffer> writer, uint key)
    {
        writer.WriteUnmanaged(key, 0);
        return writer.WrittenCount;
    }

    /// <summary>Writes the length of the member that started at <paramref name="start"/> into its placeholder.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void End(ref MemoryPackWriter<RecordBuffer> writer, RecordBuffer buffer, int start)
        => buffer.PatchInt32(buffer.BodyStart + start - sizeof(int), writer.WrittenCount - start);

    // One call per member write for generated code: the key, the value and the length, inlined into
    // the same code the three separate calls gave.

    /// <summary>Writes a string member (see <see cref="Utf16Text"/> for one holding a lone surrogate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteString(ref MemoryPackWriter<RecordBuffer> writer, RecordBuffer buffer, uint key, string? value)
    {
        var start = Begin(ref writer, key);
        Utf16Text.Write(ref writer, value);
        End(ref writer, buffer, start);
    }

    /// <summary>Writes a scalar member (a primitive, an enum, a well-known unmanaged struct) as raw bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteUnmanaged<T>(ref MemoryPackWriter<RecordBuffer> writer, RecordBuffer buffer, uint key, T value)
        where T : unmanaged
    {
        var start = Begin(ref writer, key);
        writer.WriteUnmanaged(value);
        End(ref writer, buffer, start);
    }

    /// <summary>Writes a nullable scalar member in the layout of MemoryPack's <c>NullableFormatter</c> (see <see cref="NullableScalars"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteNullable<T>(ref MemoryPackWriter<RecordBuffer> writer, RecordBuffer buffer, uint key, T? value)
        where T : unmanaged
    {
        var start = Begin(ref writer, key);
        NullableScalars.Write(ref writer, value);
        End(ref writer, buffer, start);
    }

    /// <summary>Writes a <c>List&lt;string&gt;</c> member (see <see cref="StringCollections"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteStrings(ref MemoryPackWriter<RecordBuffer> writer, RecordBuffer buffer, uint key, List<string?>? value)
    {
        var start = Begin(ref writer, key);
        StringCollections.Write(ref writer, value);
        End(ref writer, buffer, start);
    }

    /// <summary>Writes a <c>Dictionary&lt;string, string&gt;</c> member (see <see cref="StringCollections"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteStrings(ref MemoryPackWriter<RecordBuffer> writer, RecordBuffer buffer, uint key, Dictionary<string, string?>? value)
    {
        var start = Begin(ref writer, key);
        StringCollections.Write(ref writer, value);
        End(ref writer, buffer, start);
    }

    /// <summary>Writes a member that references a persistable object: its tag and ID.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteReference<T>(ref MemoryPackWriter<RecordBuffer> writer, RecordBuffer buffer, uint key, T? value)
        where T : class
    {
        var start = Begin(ref writer, key);
        PersistableReferenceFormatter<T>.Write(ref writer, value);
        End(ref writer, buffer, start);
    }

    /// <summary>Writes any other member through its MemoryPack formatter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteValue<T>(ref MemoryPackWriter<RecordBuffer> writer, RecordBuffer buffer, uint key, T? value)
    {
        var start = Begin(ref writer, key);
        writer.WriteValue(value);
        End(ref writer, buffer, start);
    }


    /// <summary>
    /// Reads a string as MemoryPack's <c>ReadString</c> does, after checking its header against the
    /// bytes that remain: MemoryPack trusts it, and the header <c>int.MinValue</c> made it read
    /// 2 GB past the record (an access violation that killed the process).
    /// </summary>
    public static string? ReadString(ref MemoryPackReader reader)
    {
        var remaining = reader.Remaining;
        if (remaining < sizeof(int))
        {
            ThrowStringTooLong(sizeof(int), remaining);
        }

        var header = Unsafe.ReadUnaligned<int>(ref reader.GetSpanReference(sizeof(int)));
        if (header > 0)
        {
            // UTF-16: header code units of 2 bytes.
            if ((long)header * 2 > remaining - sizeof(int))
            {
                ThrowStringTooLong((long)header * 2, remaining - sizeof(int));
            }
        }
        else if (header < -1)
        {
            // UTF-8: ~header bytes after a UTF-16 length, which cannot exceed the byte count.
            var utf8Length = ~header;
            if (utf8Length > remaining - (2 * sizeof(int)))
            {
                ThrowStringTooLong(utf8Length, remaining - (2 * sizeof(int)));
            }

            var utf16Length = Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref reader.GetSpanReference(2 * sizeof(int)), sizeof(int)));
            if (utf16Length < -1 || utf16Length > utf8Length)
            {
                throw new InvalidDataException($"a string of {utf8Length} UTF-8 bytes claims {utf16Length} UTF-16 code units");
            }
        }

        return reader.ReadString();
    }

    /// <summary>Reads the member count, rejecting one the remaining bytes could not hold.</summary>
    public static int ReadMemberCount(ref MemoryPackReader reader)
    {
        var count = reader.ReadUnmanaged<int>();
        if (count < 0 || count > reader.Remaining / HeaderSize)
        {
            throw new InvalidDataException($"the record claims {count} members, more than its {reader.Remaining} remaining bytes can hold");
        }

        return count;
    }

    /// <summary>Reads a member header; returns its key and where the member must end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ReadMemberHeader(ref MemoryPackReader reader, out int end)
    {
        reader.ReadUnmanaged(out uint key, out int length);
        if (length < 0 || length > reader.Remaining)
        {
            ThrowMemberTooLong(key, length, reader.Remaining);
        }

        end = reader.Consumed + length;
        return key;
    }

    /// <summary>
    /// Throws <see cref="InvalidDataException"/> when a body holds a member key twice: a writer writes each member once,
    /// and the generated read loop would give the member the last of the values (gc3p's decoding refuses such a record too).
    /// Framing it cannot follow is left to the read loop, which names it. Allocates nothing up to 256 members.
    /// </summary>
    internal static void CheckDistinctKeys(ReadOnlySpan<byte> body)
    {
        var count = body.Length < sizeof(int) ? 0 : BinaryPrimitives.ReadInt32LittleEndian(body);
        if (count < 2 || count > (body.Length - sizeof(int)) / HeaderSize)
        {
            return;
        }

        var keys = count <= 256 ? stackalloc uint[count] : new uint[count];
        var offset = sizeof(int);
        for (var i = 0; i < count; i++)
        {
            var length = body.Length - offset < HeaderSize ? -1 : BinaryPrimitives.ReadInt32LittleEndian(body[(offset + sizeof(uint))..]);
            if (length < 0 || length > body.Length - offset - HeaderSize)
            {
                return;
            }

            keys[i] = BinaryPrimitives.ReadUInt32LittleEndian(body[offset..]);
            offset += HeaderSize + length;
        }

        // A record holds a few members: comparing each pair is quicker than sorting them, up to a few dozen.
        if (count <= PairwiseLimit)
        {
            for (var i = 1; i < count; i++)
            {
                if (keys[..i].Contains(keys[i]))
                {
                    ThrowRepeatedKey(keys[i]);
                }
            }

            return;
        }

        keys.Sort();
        for (var i = 1; i < count; i++)
        {
            if (keys[i] == keys[i - 1])
            {
                ThrowRepeatedKey(keys[i]);
            }
        }
    }

    private const int PairwiseLimit = 32;

    // Also the schema decoder's (RecordJson), so that gc3p and a typed load word a repeated key alike.
    [DoesNotReturn]
    internal static void ThrowRepeatedKey(uint key)
        => throw new InvalidDataException($"the member key {key} appears twice: a record holds each member once");

    /// <summary>Checks that a member read exactly its own bytes, or skips an unknown member.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Finish(ref MemoryPackReader reader, uint key, int end, bool known)
    {
        if (!known)
        {
            reader.Advance(end - reader.Consumed);
        }
        else if (reader.Consumed != end)
        {
            ThrowMisread(key, reader.Consumed - end);
        }
    }

    // Out of line, so the checks above inline into every generated read loop.
    [DoesNotReturn]
    private static void ThrowMemberTooLong(uint key, int length, long remaining)
        => throw new InvalidDataException($"member key {key} claims {length} bytes, but {remaining} remain");

    [DoesNotReturn]
    private static void ThrowStringTooLong(long length, long remaining)
        => throw new InvalidDataException($"a string claims {length} bytes, but {Math.Max(remaining, 0)} remain");

    [DoesNotReturn]
    private static void ThrowMisread(uint key, int excess)
        => throw new InvalidDataException($"member key {key} did not read as its declared type (read {excess:+#;-#} bytes more than it holds); did its type change without a new key?");
}
