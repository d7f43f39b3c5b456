using System.Buffers.Binary;
using System.Text;
using Gc3.Persistence.Serialization;
using MemoryPack;

namespace Gc3.Persistence.Records;

/// <summary>
/// The layout of one record, the same in every store (docs/record-format.md). Version 2, written
/// since records name their own ID:
/// <code>
/// offset    size  field
/// 0         3     magic "G3P"
/// 3         1     format version (2)
/// 4         1     flags (0; reserved)
/// 5         8     writer schema hash (uint64; 0 = none)
/// 13        2     tag length T (uint16)
/// 15        2     ID prefix length P (uint16, 1 to 128)
/// 17        8     ID number (int64, not negative)
/// 25        T     type tag, UTF-8
/// 25+T      P     ID prefix, ASCII
/// 25+T+P    4     body length B (int32)
/// 29+T+P    B     body: MemoryPack, in the member layout of <see cref="MemberFraming"/>
/// 29+T+P+B  4     CRC-32C of every byte before it
/// </code>
/// Version 1 (still read) has no schema hash and no ID: magic, version, flags, T (offset 5), the
/// tag (offset 7), B, the body and the checksum. All integers are little-endian. A reader checks
/// every length against the bytes it has and the checksum before it decodes the body, so a torn,
/// truncated or bit-flipped record is a <see cref="LoadException"/>.
/// </summary>
public static class RecordFormat
{
    /// <summary>The format version this library writes.</summary>
    public const byte Version = 2;

    /// <summary>The first format version (records without their ID), which this library still reads.</summary>
    public const byte Version1 = 1;

    /// <summary>The longest type tag a record may carry, in UTF-8 bytes.</summary>
    public const int MaxTagBytes = 1024;

    /// <summary>The smallest possible record of format version 1: an empty tag and an empty body.</summary>
    public const int MinimumSize = V1FixedHeaderSize + 4 + ChecksumSize;

    /// <summary>
    /// How many bytes from the start of a record always hold its whole header (everything before the
    /// body): a store that reads the header first (see <see cref="DeclaredLength"/>) reads this much.
    /// </summary>
    public const int MaxHeaderSize = V2FixedHeaderSize + MaxTagBytes + Id.MaxPrefixLength + 4;

    private const int V1FixedHeaderSize = 7;
    private const int V2FixedHeaderSize = 25;
    private const int V2MinimumSize = V2FixedHeaderSize + 4 + ChecksumSize;
    private const int ChecksumSize = 4;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static ReadOnlySpan<byte> Magic => "G3P"u8;

    /// <summary>
    /// Appends the record of <paramref name="body"/>, the object <paramref name="id"/>, to <paramref name="buffer"/>,
    /// naming the serializer's schema (<see cref="PersistableSerializer.SchemaHash"/>; 0 for one without).
    /// </summary>
    internal static void Write(RecordBuffer buffer, PersistableSerializer serializer, Id id, IPersistableBody body, MemoryPackWriterOptionalState state)
    {
        var start = buffer.WrittenCount;
        var tag = serializer.TagUtf8;
        var prefix = id.Prefix;
        var headerSize = V2FixedHeaderSize + tag.Length + prefix.Length + 4;
        var header = buffer.GetSpan(headerSize);
        Magic.CopyTo(header);
        header[3] = Version;
        header[4] = 0;
        BinaryPrimitives.WriteUInt64LittleEndian(header[5..], serializer.SchemaHash);
        BinaryPrimitives.WriteUInt16LittleEndian(header[13..], (ushort)tag.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header[15..], (ushort)prefix.Length);
        BinaryPrimitives.WriteInt64LittleEndian(header[17..], id.SeqNo);
        tag.CopyTo(header[V2FixedHeaderSize..]);
        if (ReferenceEquals(prefix, serializer.IdPrefix))
        {
            serializer.IdPrefixUtf8.CopyTo(header[(V2FixedHeaderSize + tag.Length)..]);
        }
        else
        {
            Encoding.ASCII.GetBytes(prefix, header[(V2FixedHeaderSize + tag.Length)..]); // a valid prefix is ASCII
        }

        buffer.Advance(headerSize);

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
        var frame = ReadFrame(id, record);
        VerifyChecksum(id, record);
        body = frame.Body;
        return DecodeTag(id, frame.Tag);
    }

    /// <summary>
    /// Checks a record's framing and checksum; returns the ID the record names (<see langword="null"/>
    /// for a record of format version 1, which does not name it) and its writer schema hash (0: none).
    /// </summary>
    public static Id? ReadId(Id? id, ReadOnlySpan<byte> record, out ulong schemaHash)
    {
        var frame = ReadFrame(id, record);
        VerifyChecksum(id, record);
        schemaHash = frame.SchemaHash;
        return frame.Version == Version1 ? null : RecordedId(id, frame);
    }

    /// <summary>
    /// The total length of the record whose first bytes are <paramref name="start"/>, as its header
    /// declares it, or -1 when <paramref name="start"/> is too short to tell (it never needs more than
    /// <see cref="MaxHeaderSize"/> bytes). Throws <see cref="LoadException"/> when the bytes are no
    /// record (bad magic, unknown version, oversized tag or prefix, negative body length). A store
    /// compares it with the length it sees before it reads (and allocates) the rest.
    /// </summary>
    public static long DeclaredLength(Id? id, ReadOnlySpan<byte> start)
    {
        if (start.Length < 4)
        {
            return -1;
        }

        CheckMagicAndVersion(id, start);
        if (start[3] == Version1)
        {
            if (start.Length < V1FixedHeaderSize)
            {
                return -1;
            }

            var tagLength = CheckedTagLength(id, BinaryPrimitives.ReadUInt16LittleEndian(start[5..]));
            var bodyLengthAt = V1FixedHeaderSize + tagLength;
            return start.Length < bodyLengthAt + 4 ? -1 : BodyEnd(id, start, bodyLengthAt) + ChecksumSize;
        }

        if (start.Length < V2FixedHeaderSize)
        {
            return -1;
        }

        var (tag, prefix) = V2Lengths(id, start);
        var at = V2FixedHeaderSize + tag + prefix;
        return start.Length < at + 4 ? -1 : BodyEnd(id, start, at) + ChecksumSize;
    }

    /// <summary>Decodes a tag <see cref="ReadFrame"/> returned; throws <see cref="LoadException"/> when it is not UTF-8.</summary>
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
    /// Checks a record's framing (not its checksum: see <see cref="VerifyChecksum"/>, nor its ID: see
    /// <see cref="VerifyId"/>); returns its fields, the tag as the UTF-8 bytes it holds (not checked to
    /// be UTF-8: a registry lookup of the bytes does that for free).
    /// </summary>
    internal static RecordFrame ReadFrame(Id? id, ReadOnlySpan<byte> record)
    {
        if (record.Length < MinimumSize)
        {
            throw new LoadException(id, $"the record is truncated ({record.Length} bytes; a record has at least {MinimumSize})");
        }

        CheckMagicAndVersion(id, record);
        if (record[3] == Version1)
        {
            var tagLength = CheckedTagLength(id, BinaryPrimitives.ReadUInt16LittleEndian(record[5..]));
            var bodyLengthAt = V1FixedHeaderSize + tagLength;
            if (bodyLengthAt + 4 + ChecksumSize > record.Length)
            {
                throw new LoadException(id, $"the record is truncated or corrupt (type tag of {tagLength} bytes in a record of {record.Length})");
            }

            var v1Body = CheckedBody(id, record, bodyLengthAt);
            return new RecordFrame(Version1, record.Slice(V1FixedHeaderSize, tagLength), default, 0, 0, v1Body);
        }

        if (record.Length < V2MinimumSize)
        {
            throw new LoadException(id, $"the record is truncated ({record.Length} bytes; a record of format version {Version} has at least {V2MinimumSize})");
        }

        var (tag, prefix) = V2Lengths(id, record);
        var at = V2FixedHeaderSize + tag + prefix;
        if (at + 4 + ChecksumSize > record.Length)
        {
            throw new LoadException(id, $"the record is truncated or corrupt (type tag of {tag} bytes and ID prefix of {prefix} in a record of {record.Length})");
        }

        var body = CheckedBody(id, record, at);
        return new RecordFrame(
            Version,
            record.Slice(V2FixedHeaderSize, tag),
            record.Slice(V2FixedHeaderSize + tag, prefix),
            BinaryPrimitives.ReadInt64LittleEndian(record[17..]),
            BinaryPrimitives.ReadUInt64LittleEndian(record[5..]),
            body);
    }

    /// <summary>
    /// Throws <see cref="LoadException"/> naming both IDs when a record of version 2 (whose checksum
    /// matched) names another ID than the one it was found under: a record file copied over another,
    /// or a row's data copied into another row. Version 1 records name no ID, so pass.
    /// </summary>
    internal static void VerifyId(Id id, in RecordFrame frame)
    {
        if (frame.Version == Version1
            || (frame.IdNumber == id.SeqNo && Ascii.Equals(frame.IdPrefix, id.Prefix)))
        {
            return;
        }

        var recorded = RecordedIdText(id, frame);
        throw new LoadException(id, $"the record found under '{id}' is the record of '{recorded}': it was copied or moved here from another ID");
    }

    /// <summary>
    /// The ID a record of format version 2 names (its framing checked): <paramref name="id"/> itself when it
    /// is that ID, so the common case parses nothing. Throws <see cref="LoadException"/> when it names no valid ID.
    /// </summary>
    internal static Id RecordedId(Id? id, in RecordFrame frame)
        => id is not null && frame.IdNumber == id.SeqNo && Ascii.Equals(frame.IdPrefix, id.Prefix)
            ? id
            : Id.Parse(RecordedIdText(id, frame));

    /// <summary>Whether the checksum of a record whose framing was checked matches its bytes.</summary>
    internal static bool ChecksumMatches(ReadOnlySpan<byte> record)
        => Crc32C.Compute(record[..^ChecksumSize]) == BinaryPrimitives.ReadUInt32LittleEndian(record[^ChecksumSize..]);

    /// <summary>Throws <see cref="LoadException"/> when the checksum of a record whose framing was checked does not match.</summary>
    internal static void VerifyChecksum(Id? id, ReadOnlySpan<byte> record)
    {
        if (!ChecksumMatches(record))
        {
            throw new LoadException(id, "the record is corrupt (checksum mismatch)");
        }
    }

    /// <summary>Reads a body written by <see cref="Write"/> into <paramref name="body"/>.</summary>
    internal static void ReadBody(ReadOnlySpan<byte> bytes, IPersistableBody body, MemoryPackReaderOptionalState state)
    {
        MemberFraming.CheckDistinctKeys(bytes);
        var reader = new MemoryPackReader(bytes, state);
        body.ReadMembers(ref reader, MemberFraming.ReadMemberCount(ref reader));

        if (reader.Remaining != 0)
        {
            throw new InvalidDataException($"{reader.Remaining} bytes follow the last member");
        }
    }

    // The ID a version 2 record names, as text for a message when it is no valid ID.
    private static string RecordedIdText(Id? id, in RecordFrame frame)
    {
        var prefix = Encoding.ASCII.GetString(frame.IdPrefix);
        if (frame.IdNumber < 0 || !Id.IsValidPrefix(prefix) || !Ascii.IsValid(frame.IdPrefix))
        {
            throw new LoadException(id, $"the record names the invalid ID '{Id.Escape(Encoding.UTF8.GetString(frame.IdPrefix))}.{frame.IdNumber}'");
        }

        return $"{prefix}.{frame.IdNumber}";
    }

    private static void CheckMagicAndVersion(Id? id, ReadOnlySpan<byte> record)
    {
        if (!record[..3].SequenceEqual(Magic))
        {
            throw new LoadException(id, "the data is not a Gc3.Persistence record (bad magic bytes)");
        }

        if (record[3] is not (Version or Version1))
        {
            throw new LoadException(id, $"the record has format version {record[3]}, but this library reads versions {Version1} and {Version}; it was written by a different version of Gc3.Persistence");
        }
    }

    // No type has an empty tag (GC3P018): a record naming none was forged, and would be listed and shown under an empty tag.
    private static int CheckedTagLength(Id? id, int tagLength)
        => tagLength is > 0 and <= MaxTagBytes
            ? tagLength
            : throw new LoadException(id, tagLength == 0
                ? $"the record is corrupt (an empty type tag; tags have 1 to {MaxTagBytes} bytes)"
                : $"the record is corrupt (a type tag of {tagLength} bytes; tags have at most {MaxTagBytes})");

    private static (int Tag, int Prefix) V2Lengths(Id? id, ReadOnlySpan<byte> record)
    {
        var tag = CheckedTagLength(id, BinaryPrimitives.ReadUInt16LittleEndian(record[13..]));
        var prefix = BinaryPrimitives.ReadUInt16LittleEndian(record[15..]);
        if (prefix is 0 or > Id.MaxPrefixLength)
        {
            throw new LoadException(id, $"the record is corrupt (an ID prefix of {prefix} bytes; prefixes have 1 to {Id.MaxPrefixLength})");
        }

        return (tag, prefix);
    }

    // Where the body ends, from the body length at 'at' (the record's first bytes must hold it).
    private static long BodyEnd(Id? id, ReadOnlySpan<byte> record, int at)
    {
        var bodyLength = BinaryPrimitives.ReadInt32LittleEndian(record[at..]);
        if (bodyLength < 0)
        {
            throw new LoadException(id, $"the record is corrupt (a body of {bodyLength} bytes)");
        }

        return (long)at + 4 + bodyLength;
    }

    private static Range CheckedBody(Id? id, ReadOnlySpan<byte> record, int at)
    {
        var end = BodyEnd(id, record, at);
        if (end + ChecksumSize != record.Length)
        {
            throw new LoadException(id, $"the record is truncated or corrupt (body of {end - at - 4} bytes in a record of {record.Length})");
        }

        return new Range(at + 4, (int)end);
    }
}
