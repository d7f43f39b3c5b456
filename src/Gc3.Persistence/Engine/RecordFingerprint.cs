using System.Buffers.Binary;

namespace Gc3.Persistence.Engine;

/// <summary>
/// What a store remembers of the record it last wrote or read for an object, to tell whether a new
/// encoding of the object differs: the record's length and its own checksum (the CRC-32C every
/// record ends with, computed anyway when it is written and checked when it is read, so remembering
/// it costs nothing). Two records of one object with the same length and checksum are taken as equal:
/// a change confined to 32 consecutive bits always changes the CRC-32C, any other change keeps it
/// with a chance of one in 2^32.
/// </summary>
internal static class RecordFingerprint
{
    /// <summary>The fingerprint of a whole record (never 0: a record is at least a few bytes long).</summary>
    public static ulong Of(ReadOnlySpan<byte> record)
        => record.Length < sizeof(uint) ? 0 : Of(record.Length, BinaryPrimitives.ReadUInt32LittleEndian(record[^sizeof(uint)..]));

    /// <summary>The fingerprint of a record of <paramref name="length"/> bytes that ends with <paramref name="checksum"/>.</summary>
    public static ulong Of(long length, uint checksum) => ((ulong)(uint)length << 32) | checksum;
}
