using System.Buffers;
using System.ComponentModel;
using System.Text;
using MemoryPack;

namespace Gc3.Persistence.Serialization;

/// <summary>
/// The MemoryPack formatter generated code registers for every persistable type: wherever such an
/// object stands inside another record (a member, a list or dictionary element, a member of a
/// <c>[MemoryPackable]</c> object), it is written as a reference (its type tag and ID), and the save
/// in progress saves it as its own record when needed. On load, the reference is resolved through
/// the store's identity map, so shared objects and cycles come back shared.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PersistableReferenceFormatter<T> : MemoryPackFormatter<T>
    where T : class
{
    /// <summary>The one instance generated code registers.</summary>
    public static readonly PersistableReferenceFormatter<T> Instance = new();

    /// <summary>
    /// Writes a reference member of a generated serializer: the bytes of <see cref="Serialize"/>,
    /// called directly rather than through MemoryPack's generic virtual method, a runtime lookup per call.
    /// </summary>
    public static void Write(ref MemoryPackWriter<RecordBuffer> writer, T? value) => WriteReference(ref writer, value);

    /// <summary>Reads a reference member of a generated serializer, as <see cref="Deserialize"/> does.</summary>
    public static T? Read(ref MemoryPackReader reader)
    {
        T? value = null;
        ReadReference(ref reader, ref value);
        return value;
    }

    /// <inheritdoc/>
    public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref T? value)
        => WriteReference(ref writer, value);

    /// <inheritdoc/>
    public override void Deserialize(ref MemoryPackReader reader, scoped ref T? value) => ReadReference(ref reader, ref value);

    private static void WriteReference<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, T? value)
        where TBufferWriter : IBufferWriter<byte>
    {
        if (value is null)
        {
            writer.WriteNullObjectHeader();
            return;
        }

        if (writer.Options.ServiceProvider is not IRecordWriteContext save)
        {
            throw new InvalidOperationException(
                $"{typeof(T).FullName} is [Persistable]: it is written as a reference to its own record, so it can only be serialized by a store's Save, not by MemoryPackSerializer directly.");
        }

        var (serializer, id) = save.Reference(value);
        writer.WriteObjectHeader(3);

        // The same bytes as WriteString, from the UTF-8 the serializer keeps: no encoding per reference.
        writer.WriteUtf8(serializer.TagUtf8, serializer.Tag.Length);
        if (ReferenceEquals(id.Prefix, serializer.IdPrefix))
        {
            writer.WriteUtf8(serializer.IdPrefixUtf8, serializer.IdPrefix.Length);
        }
        else
        {
            writer.WriteString(id.Prefix);
        }

        writer.WriteUnmanaged(id.SeqNo);
    }

    private static void ReadReference(ref MemoryPackReader reader, scoped ref T? value)
    {
        if (!reader.TryReadObjectHeader(out var count))
        {
            value = null;
            return;
        }

        if (count != 3 || reader.Options.ServiceProvider is not IRecordReadContext load)
        {
            throw new InvalidDataException(count != 3
                ? $"a reference to a {typeof(T).Name} has {count} parts instead of 3"
                : $"{typeof(T).FullName} is [Persistable] and can only be read by a store's Load");
        }

        var tag = ReadUtf8(ref reader, "type tag");
        var prefix = ReadUtf8(ref reader, "ID prefix");
        var seqNo = reader.ReadUnmanaged<long>();
        if (seqNo < 0)
        {
            throw new InvalidDataException($"a reference holds the invalid ID number {seqNo}");
        }

        var target = load.Resolve(tag, prefix, seqNo);
        if (target is null)
        {
            value = null; // a missing record, loaded as null (MissingReferenceHandling.LoadAsNull)
            return;
        }

        value = target as T ?? throw new InvalidDataException(
            $"the reference to '{Id.Escape(Encoding.UTF8.GetString(prefix))}.{seqNo}' is a {target.GetType().FullName}, which is not a {typeof(T).FullName}");
    }

    // Reads a string written by WriteString as the UTF-8 bytes the record holds, without making a
    // string of it: references are resolved by comparing bytes with what the registry knows.
    private static ReadOnlySpan<byte> ReadUtf8(ref MemoryPackReader reader, string what)
    {
        var header = reader.ReadUnmanaged<int>();
        var length = ~header;
        if (header >= -1 || length > reader.Remaining - sizeof(int))
        {
            // Null (-1), empty (0) or UTF-16 (positive): never written for a tag or a prefix.
            throw new InvalidDataException($"a reference has no valid {what}");
        }

        reader.Advance(sizeof(int)); // the UTF-16 length, not needed
        var bytes = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref reader.GetSpanReference(length), length);
        reader.Advance(length);
        return bytes;
    }
}
