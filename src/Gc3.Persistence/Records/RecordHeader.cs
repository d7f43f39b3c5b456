using System.Buffers.Binary;

namespace Gc3.Persistence.Records;

/// <summary>Reads the type tag from the first bytes of a record (its header) without the rest: for listings that do not read whole records.</summary>
internal static class RecordHeader
{
    /// <summary>The writer schema hash the header names, given its bytes from the version byte (offset 3) on in <paramref name="fromVersion"/>; 0 for none or no header.</summary>
    public static ulong TryReadSchemaHash(ReadOnlySpan<byte> fromVersion)
        => fromVersion.Length >= 10 && fromVersion[0] == RecordFormat.Version ? BinaryPrimitives.ReadUInt64LittleEndian(fromVersion[2..]) : 0;

    /// <summary>The tag the header in <paramref name="start"/> names, or <see langword="null"/> when the bytes are no record header (or too few of them).</summary>
    public static string? TryReadTag(ReadOnlySpan<byte> start)
    {
        if (start.Length < 7 || !start[..3].SequenceEqual("G3P"u8))
        {
            return null;
        }

        int tagAt;
        int tagLength;
        if (start[3] == RecordFormat.Version1)
        {
            tagAt = 7;
            tagLength = BinaryPrimitives.ReadUInt16LittleEndian(start[5..]);
        }
        else if (start[3] == RecordFormat.Version && start.Length >= 25)
        {
            tagAt = 25;
            tagLength = BinaryPrimitives.ReadUInt16LittleEndian(start[13..]);
        }
        else
        {
            return null;
        }

        if (tagLength > RecordFormat.MaxTagBytes || tagAt + tagLength > start.Length)
        {
            return null;
        }

        try
        {
            return RecordFormat.DecodeTag(null, start.Slice(tagAt, tagLength));
        }
        catch (LoadException)
        {
            return null;
        }
    }
}
