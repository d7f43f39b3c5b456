using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Gc3.Persistence.Records;

namespace Gc3.Persistence.Tests;

/// <summary>Rewrites fields of a record of format version 2, as a hostile writer would, and reseals its checksum.</summary>
public static class RecordEditing
{
    /// <summary>Where the type tag starts in a record of format version 2.</summary>
    public const int TagOffset = 25;

    /// <summary>Where the hash of the schema a record was written with starts.</summary>
    public const int SchemaHashOffset = 5;

    /// <summary>The hash of the schema the record was written with.</summary>
    public static ulong SchemaHashOf(byte[] record) => BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(SchemaHashOffset));

    /// <summary>The record claiming another schema, resealed.</summary>
    public static byte[] WithSchemaHash(byte[] record, ulong hash)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(SchemaHashOffset), hash);
        return Resealed(record);
    }

    /// <summary>Replaces the checksum with the one of the bytes before it.</summary>
    public static byte[] Resealed(byte[] record)
    {
        // CRC-32C, as every record ends with: computed here, not by the library's internal class, so that the SQL
        // stores' tests, which run the store contract (it edits records too), can compile this file as well.
        var crc = uint.MaxValue;
        foreach (var b in record.AsSpan(0, record.Length - 4))
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(record.Length - 4), ~crc);
        return record;
    }

    /// <summary>The record with another type tag, resealed.</summary>
    public static byte[] WithTag(byte[] record, string tag) => Rebuilt(record, Encoding.UTF8.GetBytes(tag), null, null);

    /// <summary>The record naming another ID, resealed.</summary>
    public static byte[] WithId(byte[] record, Id id) => Rebuilt(record, null, Encoding.ASCII.GetBytes(id.Prefix), id.SeqNo);

    private static byte[] Rebuilt(byte[] record, byte[]? tag, byte[]? prefix, long? number)
    {
        Assert.Equal(RecordFormat.Version, record[3]);
        var tagLength = BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(13));
        var prefixLength = BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(15));
        tag ??= record.AsSpan(TagOffset, tagLength).ToArray();
        prefix ??= record.AsSpan(TagOffset + tagLength, prefixLength).ToArray();
        var rest = record.AsSpan(TagOffset + tagLength + prefixLength); // body length, body, checksum
        var result = new byte[TagOffset + tag.Length + prefix.Length + rest.Length];
        record.AsSpan(0, TagOffset).CopyTo(result);
        BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(13), (ushort)tag.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(15), (ushort)prefix.Length);
        if (number is { } n)
        {
            BinaryPrimitives.WriteInt64LittleEndian(result.AsSpan(17), n);
        }

        tag.CopyTo(result.AsSpan(TagOffset));
        prefix.CopyTo(result.AsSpan(TagOffset + tag.Length));
        rest.CopyTo(result.AsSpan(TagOffset + tag.Length + prefix.Length));
        return Resealed(result);
    }
}
