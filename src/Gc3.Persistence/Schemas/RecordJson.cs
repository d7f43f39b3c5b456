using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Gc3.Persistence.Records;
using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Schemas;

/// <summary>
/// Writes a record as JSON by its writer's <see cref="SchemaDocument"/>, without the type that wrote it
/// (what <c>gc3p show</c> and <c>dump</c> print). A record body becomes one JSON object, members by name:
/// <list type="bullet">
/// <item>integers of every size, <c>decimal</c> and <c>BigInteger</c> are JSON numbers with their exact digits
/// (a <c>BigInteger</c> of more than 4,096 bytes is base64); <c>float</c>s the shortest text that reads back
/// the same (<c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c> as strings);</item>
/// <item>enums by member name (flags as <c>"A, B"</c>; a number no member has, as the number);</item>
/// <item><c>DateTime</c>, <c>DateTimeOffset</c>, <c>DateOnly</c>, <c>TimeOnly</c> as ISO 8601 strings,
/// <c>TimeSpan</c> as <c>"d.hh:mm:ss.fffffff"</c>, GUIDs as <c>"D"</c> strings, URIs as their text;</item>
/// <item>strings as JSON strings; one holding a lone surrogate with <c>\uXXXX</c> escapes of its code units (never
/// U+FFFD in its place), and a dictionary key holding one is a <see cref="LoadException"/>, as no property name shows it;
/// a dictionary holding a key twice is a <see cref="LoadException"/> too (a load refuses it), also when checking;</item>
/// <item>references to persistable objects as <c>{"$ref":"job.7"}</c>;</item>
/// <item>lists, arrays and sets as arrays; dictionaries with string, enum or integer keys as objects,
/// others as arrays of <c>[key, value]</c> pairs; <c>[MemoryPackable]</c> objects as objects;</item>
/// <item>a member whose shape cannot be decoded without its type (an <c>opaque&lt;...&gt;</c> type, a
/// <c>[MemoryPackable]</c> type in MemoryPack's version-tolerant, circular or union mode) as the base64
/// of its bytes; a member key the document does not know as <c>"#key": "base64"</c>.</item>
/// </list>
/// Nothing in the record is trusted: every length and count is checked against the bytes that remain,
/// values nest at most 64 deep (or the <c>maxDepth</c> given, as a store's <see cref="StoreOptions.MaxNestingDepth"/>), and a record that breaks a rule is a <see cref="LoadException"/> naming the
/// member. The writer may then hold part of the output: write each record to a buffer of its own.
/// </summary>
public static class RecordJson
{
    /// <summary>
    /// Writes a whole record (framing and checksum checked) as a JSON object: <c>"$id"</c> (format version 2
    /// records name their ID) and <c>"$tag"</c>, then its members. A record whose schema hash is neither 0
    /// nor <paramref name="document"/>'s hash is an <see cref="ArgumentException"/>: it was written with another schema.
    /// Values nesting more than <paramref name="maxDepth"/> deep are a <see cref="LoadException"/>.
    /// </summary>
    public static void WriteRecord(Utf8JsonWriter writer, SchemaDocument document, ReadOnlySpan<byte> record, Id? id = null, int maxDepth = StoreOptions.DefaultMaxNestingDepth)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(document);
        var recordedId = RecordFormat.ReadId(id, record, out var schemaHash) ?? id;
        var frame = RecordFormat.ReadFrame(recordedId, record); // checked by ReadId, checksum included
        var tag = RecordFormat.DecodeTag(recordedId, frame.Tag);
        var body = frame.Body;
        if (schemaHash != 0 && schemaHash != document.Hash)
        {
            throw new ArgumentException($"the record '{recordedId}' was written with the schema {schemaHash:x16}, not with the given document ({document.Hash:x16})", nameof(document));
        }

        writer.WriteStartObject();
        if (recordedId is not null)
        {
            writer.WriteString("$id", recordedId.ToString());
        }

        writer.WriteString("$tag", tag);
        WriteMembers(writer, document, record[body], recordedId, maxDepth, null);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Checks a whole record as <see cref="WriteRecord"/> would decode it, without writing JSON: its framing,
    /// checksum, schema hash, and every member value by <paramref name="document"/> (the same rules, the
    /// same <see cref="LoadException"/> naming the member). What <c>gc3p verify</c> does to each record.
    /// </summary>
    /// <param name="document">The writer schema the record's header names.</param>
    /// <param name="record">The whole record.</param>
    /// <param name="id">The ID it is stored under, for messages; a record of format version 2 names its own.</param>
    /// <param name="references">Where the IDs the record's references name go (as <c>"prefix.number"</c>, as <c>"$ref"</c> shows them); <see langword="null"/> to drop them.</param>
    /// <param name="maxDepth">How deep values may nest (<see cref="StoreOptions.MaxNestingDepth"/>).</param>
    /// <exception cref="LoadException">The record is damaged or does not decode with <paramref name="document"/>.</exception>
    /// <exception cref="ArgumentException">The record names another schema than <paramref name="document"/>.</exception>
    public static void CheckRecord(SchemaDocument document, ReadOnlySpan<byte> record, Id? id = null, ICollection<string>? references = null, int maxDepth = StoreOptions.DefaultMaxNestingDepth)
        => CheckRecord(document, record, id, maxDepth, new SchemaCheck(references));

    /// <summary>
    /// Checks a whole record as <see cref="CheckRecord(SchemaDocument, ReadOnlySpan{byte}, Id?, ICollection{string}?, int)"/> does,
    /// and adds each reference's ID with the type tag it names to <paramref name="references"/>: a load refuses a referenced
    /// record whose tag is another, which only a look at that record can tell (what <c>gc3p verify</c> does).
    /// </summary>
    /// <param name="document">The writer schema the record's header names.</param>
    /// <param name="record">The whole record.</param>
    /// <param name="id">The ID it is stored under, for messages; a record of format version 2 names its own.</param>
    /// <param name="references">Where each reference goes: the ID it names (as <c>"prefix.number"</c>) and the type tag it names.</param>
    /// <param name="maxDepth">How deep values may nest (<see cref="StoreOptions.MaxNestingDepth"/>).</param>
    /// <exception cref="LoadException">The record is damaged or does not decode with <paramref name="document"/>.</exception>
    /// <exception cref="ArgumentException">The record names another schema than <paramref name="document"/>.</exception>
    public static void CheckRecord(SchemaDocument document, ReadOnlySpan<byte> record, Id? id, ICollection<KeyValuePair<string, string>> references, int maxDepth = StoreOptions.DefaultMaxNestingDepth)
    {
        ArgumentNullException.ThrowIfNull(references);
        CheckRecord(document, record, id, maxDepth, new SchemaCheck(null, references));
    }

    private static void CheckRecord(SchemaDocument document, ReadOnlySpan<byte> record, Id? id, int maxDepth, SchemaCheck check)
    {
        ArgumentNullException.ThrowIfNull(document);
        var frame = RecordFormat.ReadFrame(id, record);
        RecordFormat.VerifyChecksum(id, record);
        var recordedId = frame.Version == RecordFormat.Version1 ? id : RecordFormat.RecordedId(id, frame);
        RecordFormat.DecodeTag(recordedId, frame.Tag);
        if (frame.SchemaHash != 0 && frame.SchemaHash != document.Hash)
        {
            throw new ArgumentException($"the record '{recordedId}' was written with the schema {frame.SchemaHash:x16}, not with the given document ({document.Hash:x16})", nameof(document));
        }

        WriteMembers(null, document, record[frame.Body], recordedId, maxDepth, check);
    }

    /// <summary>
    /// Writes a record body (the bytes <see cref="RecordFormat.ReadHeader"/> locates) as a JSON object, members by name;
    /// values nesting more than <paramref name="maxDepth"/> deep are a <see cref="LoadException"/>.
    /// </summary>
    public static void WriteBody(Utf8JsonWriter writer, SchemaDocument document, ReadOnlySpan<byte> body, int maxDepth = StoreOptions.DefaultMaxNestingDepth)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(document);
        writer.WriteStartObject();
        WriteMembers(writer, document, body, null, maxDepth, null);
        writer.WriteEndObject();
    }

    /// <summary>Checks a record body as <see cref="WriteBody"/> would decode it, without writing JSON (see <see cref="CheckRecord(SchemaDocument, ReadOnlySpan{byte}, Id?, ICollection{string}?, int)"/>).</summary>
    /// <param name="document">The writer schema of the record.</param>
    /// <param name="body">The record body (the bytes <see cref="RecordFormat.ReadHeader"/> locates).</param>
    /// <param name="references">Where the IDs the body's references name go; <see langword="null"/> to drop them.</param>
    /// <param name="maxDepth">How deep values may nest (<see cref="StoreOptions.MaxNestingDepth"/>).</param>
    /// <exception cref="LoadException">The body does not decode with <paramref name="document"/>.</exception>
    public static void CheckBody(SchemaDocument document, ReadOnlySpan<byte> body, ICollection<string>? references = null, int maxDepth = StoreOptions.DefaultMaxNestingDepth)
    {
        ArgumentNullException.ThrowIfNull(document);
        WriteMembers(null, document, body, null, maxDepth, new SchemaCheck(references));
    }

    // Writes the members as JSON, or with no writer checks them (check).
    private static void WriteMembers(Utf8JsonWriter? writer, SchemaDocument document, ReadOnlySpan<byte> body, Id? id, int maxDepth, SchemaCheck? check)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        var reader = new SchemaBodyReader(body, maxDepth);
        SchemaMember? member = null;
        try
        {
            var count = reader.ReadInt32("the member count");
            if (count < 0 || count > reader.Remaining / 8)
            {
                throw new InvalidDataException($"the record claims {count} members, more than its {reader.Remaining} remaining bytes can hold");
            }

            HashSet<uint>? seen = null;
            for (var i = 0; i < count; i++)
            {
                member = null;
                var key = BinaryPrimitives.ReadUInt32LittleEndian(reader.Take(4, "a member key"));
                var length = reader.ReadInt32("a member length");
                var bytes = reader.Take(length, "member key {0}", key);
                member = document.FindMember(key);

                // Written twice, it would be two JSON properties of one name: shown, the last one; show --depth, an error naming no record.
                if (count > 1 && !(seen ??= []).Add(key))
                {
                    MemberFraming.ThrowRepeatedKey(key);
                }

                if (member is null)
                {
                    writer?.WriteBase64String("#" + key.ToString(CultureInfo.InvariantCulture), bytes);
                    continue;
                }

                writer?.WritePropertyName(member.Name);
                if (!document.IsDecodable(member))
                {
                    writer?.WriteBase64StringValue(bytes);
                    continue;
                }

                var value = new SchemaBodyReader(bytes, maxDepth);
                SchemaWalker.Value(ref value, document, member.Shape, writer, 0, check);
                if (value.Remaining != 0)
                {
                    throw new InvalidDataException($"{value.Remaining} of its {length} bytes follow its value: it was not written as a {member.Shape}");
                }
            }

            if (reader.Remaining != 0)
            {
                member = null;
                throw new InvalidDataException($"{reader.Remaining} bytes follow the last member");
            }
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or FormatException or OverflowException or KeyNotFoundException)
        {
            var where = member is null ? "" : $"member '{member.Name}' ({member.Shape}) of ";
            throw new LoadException(id, $"{where}the '{document.Tag}' record does not decode with its schema: {e.Message}", e);
        }
    }
}
