using System.Buffers.Binary;
using System.Text;
using Gc3.Persistence.Serialization;
using MemoryPack;

namespace Gc3.Persistence.Records;

/// <summary>
/// The layout of one record, the same in every store:
/// <code>
/// offset  size  field
/// 0       3     magic "G3P"
/// 3       1     format version (1)
/// 4       1     flags (0; reserved)
/// 5       2     tag length T (uint16, little-endian)
/// 7       T     type tag, UTF-8
/// 7+T     4     body length B (int32, little-endian)
/// 11+T    B     body: MemoryPack, in the member layout of <see cref="MemberFraming"/>
/// 11+T+B  4     CRC-32C of every byte before it (uint32, little-endian)
/// </code>
/// A reader checks every length against the bytes it has and the checksum before it parses the
/// body, so a torn, truncated or bit-flipped record is a <see cref="LoadException"/>.
/// </summary>
public static class RecordFormat
{
    /// <summary>The format version this library writes and reads.</summary>
    public const byte Version = 1;

    /// <summary>The longest type tag a record may carry, in UTF-8 bytes.</summary>
    public const int MaxTagBytes = 1024;

    private const int FixedHeaderSize = 7;
    private const int ChecksumSize = 4;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static ReadOnlySpan<byte> Magic => "G3P"u8;

    /// <summary>The smallest possible record: an empty tag and an empty body.</summary>
    public const int MinimumSize = FixedHeaderSize + 4 + ChecksumSize;

    /// <summary>Appends the record of <paramref name="body"/> to <paramref name="buffer"/>.</summary>
    internal static void Write(RecordBuffer buffer, PersistableSerializer serializer, IPersistableBody body, MemoryPackWriterOptionalState state)
    {
        var start = buffer.WrittenCount;
        var tag = serializer.TagUtf8;
        var header = buffer.GetSpan(FixedHeaderSize + tag.Length + 4);
        Magic.CopyTo(header);
        header[3] = Version;
        header[4] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(header[5..], (ushort)tag.Length);
        tag.CopyTo(header[FixedHeaderSize..]);
        buffer.Advance(FixedHeaderSize + tag.Length + 4);

        var bodyStart = buffer.WrittenCount;
        buffer.BodyStart = bodyStart;
        var writer = new MemoryPackWriter<RecordBuffer>(ref buffer, state);
        writer.WriteUnmanaged(body.PersistedMemberCount);
        body.WriteMembers(ref writer, buffer);
        writer.Flush();
        buffer.PatchInt32(bodyStart - 4, buffer.WrittenCount - bodyStart);

        var crc = Crc32C.Compute(buffer.WrittenSpan[start..]);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.GetSpan(ChecksumSize), crc);
        buffer.Advance(ChecksumSize);
    }

    /// <summary>Checks a record's framing and checksum; returns its tag and where its body lies.</summary>
    public static string ReadHeader(Id? id, ReadOnlySpan<byte> record, out Range body)
    {
        var tag = ReadFraming(id, record, out body);
        VerifyChecksum(id, record);
        return DecodeTag(id, tag);
    }

    /// <summary>Decodes a tag <see cref="ReadFraming"/> returned; throws <see cref="LoadException"/> when it is not UTF-8.</summary>
    internal static string DecodeTag(Id? id, ReadOnlySpan<byte> tagUtf8)
    {
        try
        {
            return StrictUtf8.GetString(tagUtf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new LoadException(id, "the record's type tag is not valid UTF-8", e);
        }
    }

    /// <summary>
    /// Checks a record's framing (not its checksum: see <see cref="VerifyChecksum"/>); returns its tag
    /// as the UTF-8 bytes it holds (not checked to be UTF-8: a registry lookup of the bytes does that
    /// for free) and where its body lies.
    /// </summary>
    internal static ReadOnlySpan<byte> ReadFraming(Id? id, ReadOnlySpan<byte> record, out Range body)
    {
        if (record.Length < MinimumSize)
        {
            throw new LoadException(id, $"the record is truncated ({record.Length} bytes; a record has at least {MinimumSize})");
        }

        if (!record[..3].SequenceEqual(Magic))
        {
            throw new LoadException(id, "the data is not a Gc3.Persistence record (bad magic bytes)");
        }

        if (record[3] != Version)
        {
            throw new LoadException(id, $"the record has format version {record[3]}, but this library reads version {Version}; it was written by a different version of Gc3.Persistence");
        }

        var tagLength = BinaryPrimitives.ReadUInt16LittleEndian(record[5..]);
        var bodyLengthAt = FixedHeaderSize + tagLength;
        if (tagLength > MaxTagBytes || bodyLengthAt + 4 + ChecksumSize > record.Length)
        {
            throw new LoadException(id, $"the record is truncated or corrupt (type tag of {tagLength} bytes in a record of {record.Length})");
        }

        var bodyLength = BinaryPrimitives.ReadInt32LittleEndian(record[bodyLengthAt..]);
        var bodyStart = bodyLengthAt + 4;
        if (bodyLength < 0 || (long)bodyStart + bodyLength + ChecksumSize != record.Length)
        {
            throw new LoadException(id, $"the record is truncated or corrupt (body of {bodyLength} bytes in a record of {record.Length})");
        }

        body = new Range(bodyStart, bodyStart + bodyLength);
        return record.Slice(FixedHeaderSize, tagLength);
    }

    /// <summary>Whether the checksum of a record whose framing was checked matches its bytes.</summary>
    internal static bool ChecksumMatches(ReadOnlySpan<byte> record)
        => Crc32C.Compute(record[..^ChecksumSize]) == BinaryPrimitives.ReadUInt32LittleEndian(record[^ChecksumSize..]);

    /// <summary>Throws <see cref="LoadException"/> when the checksum of a record whose framing was checked does not match.</summary>
    internal static void VerifyChecksum(Id? id, ReadOnlySpan<byte> record)
    {
        if (!ChecksumMatches(record))
        {
            throw ChecksumMismatch(id, inner: null);
        }
    }

    /// <summary>The error of a record whose bytes changed after it was written.</summary>
    internal static LoadException ChecksumMismatch(Id? id, Exception? inner) => new(id, "the record is corrupt (checksum mismatch)", inner);

    /// <summary>Reads a body written by <see cref="Write"/> into <paramref name="body"/>.</summary>
    internal static void ReadBody(ReadOnlySpan<byte> bytes, IPersistableBody body, MemoryPackReaderOptionalState state)
    {
        var reader = new MemoryPackReader(bytes, state);
        body.ReadMembers(ref reader, MemberFraming.ReadMemberCount(ref reader));

        if (reader.Remaining != 0)
        {
            throw new InvalidDataException($"{reader.Remaining} bytes follow the last member");
        }
    }
}
