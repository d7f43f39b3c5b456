using System.Text;
using System.Text.Json;

namespace Gc3.Persistence.Schemas;

/// <summary>
/// The schema document of one concrete <c>[Persistable]</c> type (issue 15): its tag, ID prefix, CLR type
/// name, the members its records hold (name, key and shape) and every enum and <c>[MemoryPackable]</c> type
/// those shapes reach. The generator writes one per type as compact JSON, and stores keep the documents
/// their records were written with, so a record can be read without the type that wrote it
/// (see <see cref="RecordJson"/>). <see cref="Parse"/> reads the text without reflection and bounds
/// everything it reads: a hostile document is a <see cref="FormatException"/>.
/// </summary>
public sealed class SchemaDocument
{
    /// <summary>The format of the documents this library writes and reads.</summary>
    public const int Format = 1;

    /// <summary>The longest document <see cref="Parse"/> accepts, in characters.</summary>
    public const int MaxTextLength = 1 << 20;

    /// <summary>The most members, types, or members or values of one type, that <see cref="Parse"/> accepts.</summary>
    public const int MaxEntries = 10_000;

    private const int MaxJsonDepth = 8;
    private const int MaxNameLength = 4096;

    private readonly Dictionary<uint, SchemaMember> _byKey;
    private readonly Dictionary<string, SchemaType> _types;

    // Each object type's layout as an unmanaged struct (size -1: it is none), measured once when the document is
    // parsed: a hostile document's types may refer to each other twice per level, which a walk per path would
    // follow 2^depth times. Read-only once Parse returns.
    private readonly Dictionary<string, (int Size, int Align, bool AutoLayout)> _structs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _measuring = new(StringComparer.Ordinal);
    private RuleSchema? _rules;
    private Dictionary<uint, bool>? _decodable; // by member key, filled on first use (every thread fills the same)

    private SchemaDocument(string text, string tag, string idPrefix, string typeName, IReadOnlyList<SchemaMember> members, Dictionary<string, SchemaType> types, Dictionary<string, IReadOnlyList<string>> opaqueEnums)
    {
        Text = text;
        OpaqueEnums = opaqueEnums;
        Tag = tag;
        IdPrefix = idPrefix;
        TypeName = typeName;
        Members = members;
        _types = types;
        _byKey = [];
        foreach (var member in members)
        {
            if (!_byKey.TryAdd(member.Key, member))
            {
                throw new FormatException($"schema of '{tag}': the members '{_byKey[member.Key].Name}' and '{member.Name}' have the same key {member.Key}");
            }
        }

        Hash = ComputeHash(text);
    }

    /// <summary>The document's text, as it was parsed.</summary>
    public string Text { get; }

    /// <summary>The document's hash, as records name it (<see cref="ComputeHash"/> of <see cref="Text"/>).</summary>
    public ulong Hash { get; }

    /// <summary>The type tag records of the type carry.</summary>
    public string Tag { get; }

    /// <summary>The default prefix of the type's IDs.</summary>
    public string IdPrefix { get; }

    /// <summary>The CLR full name of the type.</summary>
    public string TypeName { get; }

    /// <summary>Every member a record holds, in the order the type writes them.</summary>
    public IReadOnlyList<SchemaMember> Members { get; }

    /// <summary>The enums and <c>[MemoryPackable]</c> types the members' shapes reach, by CLR full name.</summary>
    public IReadOnlyDictionary<string, SchemaType> Types => _types;

    /// <summary>
    /// The enums each opaque type of the members' shapes holds (the document's optional <c>"opaque"</c> table), by
    /// the opaque type's name: an unmanaged struct, a tuple, ... whose bytes MemoryPack copies, so the enums inside
    /// are stored by number (each is described in <see cref="Types"/>). Empty in documents written before the table.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> OpaqueEnums { get; }

    /// <summary>The document as the resolution rules read it (built once).</summary>
    internal RuleSchema Rules => _rules ??= BuildRules();

    /// <summary>
    /// The schema hash of a document's text: FNV-1a 64 of its UTF-8 bytes, or 1 when that is 0 (a record's
    /// hash 0 means "written before schemas").
    /// </summary>
    public static ulong ComputeHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = 0xCBF29CE484222325UL;
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(buffer);
            for (var i = 0; i < length; i++)
            {
                hash = (hash ^ buffer[i]) * 0x100000001B3UL;
            }
        }

        return hash == 0 ? 1 : hash;
    }

    /// <summary>Parses a schema document; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static SchemaDocument Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxTextLength)
        {
            throw new FormatException($"a schema document of {text.Length} characters is longer than the {MaxTextLength} allowed");
        }

        try
        {
            return ParseJson(text);
        }
        catch (JsonException e)
        {
            throw new FormatException($"the schema document is not valid JSON: {e.Message}", e);
        }
        catch (FormatException e) when (e.Message.StartsWith("malformed shape", StringComparison.Ordinal))
        {
            throw new FormatException($"schema document: {e.Message}", e);
        }
    }

    /// <summary>The member stored under <paramref name="key"/>, or <see langword="null"/>.</summary>
    public SchemaMember? FindMember(uint key) => _byKey.GetValueOrDefault(key);

    /// <summary>
    /// Whether <see cref="SchemaWalker"/> can read a value of <paramref name="member"/> (a member of this
    /// document), worked out once per member: a decoder asks for every member of every record.
    /// </summary>
    internal bool IsDecodable(SchemaMember member)
    {
        var decodable = _decodable ??= Members.ToDictionary(m => m.Key, m => SchemaWalker.IsDecodable(this, m.Shape));
        return decodable.TryGetValue(member.Key, out var known) && ReferenceEquals(_byKey[member.Key], member)
            ? known
            : SchemaWalker.IsDecodable(this, member.Shape);
    }

    /// <summary>
    /// The size and alignment of the object type <paramref name="name"/> as an unmanaged struct (MemoryPack's default
    /// layout, made of scalars, enums and such structs), size -1 when it is none, and whether it holds a
    /// <c>DateTimeOffset</c> (automatic layout). Measured when the document was parsed.
    /// </summary>
    internal (int Size, int Align, bool AutoLayout) StructLayout(string name)
        => _structs.TryGetValue(name, out var layout) ? layout : Measure(name);

    /// <summary>The enum named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> when the document has none.</summary>
    public SchemaEnumType GetEnum(string name)
        => _types.TryGetValue(name, out var type) && type is SchemaEnumType e ? e : throw new KeyNotFoundException($"the schema of '{Tag}' describes no enum '{name}'");

    /// <summary>The object type named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> when the document has none.</summary>
    public SchemaObjectType GetObject(string name)
        => _types.TryGetValue(name, out var type) && type is SchemaObjectType o ? o : throw new KeyNotFoundException($"the schema of '{Tag}' describes no object type '{name}'");

    /// <inheritdoc/>
    public override string ToString() => Text;

    private static SchemaDocument ParseJson(string text)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { MaxDepth = MaxJsonDepth });
        Read(ref reader);
        Expect(ref reader, JsonTokenType.StartObject, "the document");
        int? format = null;
        string? tag = null, idPrefix = null, typeName = null;
        List<SchemaMember>? members = null;
        Dictionary<string, SchemaType>? types = null;
        Dictionary<string, IReadOnlyList<string>>? opaque = null;
        while (NextProperty(ref reader, out var property))
        {
            switch (property)
            {
                case "format":
                    format = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var f) ? f : throw Bad("'format' is not a number");
                    if (format != Format)
                    {
                        throw Bad($"the document has format {format}, but this library reads format {Format}");
                    }

                    break;
                case "tag":
                    tag = ReadString(ref reader, "tag");
                    break;
                case "idPrefix":
                    idPrefix = ReadString(ref reader, "idPrefix");
                    break;
                case "type":
                    typeName = ReadString(ref reader, "type");
                    break;
                case "members":
                    members = ReadMembers(ref reader);
                    break;
                case "types":
                    types = ReadTypes(ref reader);
                    break;
                case "opaque":
                    opaque = ReadOpaque(ref reader);
                    break;
                default:
                    reader.Skip(); // a key of a later format: ignored
                    break;
            }
        }

        if (reader.Read())
        {
            throw Bad("text follows the document");
        }

        if (format is null || tag is null || idPrefix is null || typeName is null || members is null)
        {
            throw Bad($"the document lacks '{(format is null ? "format" : tag is null ? "tag" : idPrefix is null ? "idPrefix" : typeName is null ? "type" : "members")}'");
        }

        types ??= [];
        opaque ??= [];
        foreach (var (holder, enums) in opaque)
        {
            foreach (var name in enums)
            {
                if (!types.TryGetValue(name, out var t) || t is not SchemaEnumType)
                {
                    throw Bad($"the opaque type '{holder}' holds the enum '{name}', which the document does not describe");
                }
            }
        }

        var document = new SchemaDocument(text, tag, idPrefix, typeName, members, types, opaque);
        foreach (var member in members)
        {
            CheckNames(document, member.Shape, $"member '{member.Name}'");
        }

        foreach (var type in types.Values)
        {
            if (type is SchemaObjectType o)
            {
                foreach (var member in o.Members)
                {
                    CheckNames(document, member.Shape, $"member '{member.Name}' of '{o.Name}'");
                }
            }
        }

        foreach (var (name, type) in types)
        {
            if (type is SchemaObjectType)
            {
                document.StructLayout(name);
            }
        }

        return document;
    }

    // Measures an object type as an unmanaged struct, each type once (its members' structs first). A struct met again
    // while it is measured holds itself, which no struct can: it is none, as is one nested deeper than shapes may be.
    private (int Size, int Align, bool AutoLayout) Measure(string name)
    {
        var type = GetObject(name);
        if (!type.IsStruct || type.Mode != SchemaObjectMode.Default || type.Members.Count == 0)
        {
            return _structs[name] = (-1, 1, false);
        }

        if (_measuring.Count > SchemaWalker.MaxDepth || !_measuring.Add(name))
        {
            return (-1, 1, false);
        }

        long size = 0;
        var align = 1;
        var autoLayout = false;
        foreach (var member in type.Members)
        {
            var memberSize = SchemaWalker.UnmanagedSize(this, member.Shape, out var memberAlign);
            if (memberSize < 0)
            {
                size = -1;
                break;
            }

            size = AlignUp(size, memberAlign) + memberSize;
            align = Math.Max(align, memberAlign);
            autoLayout |= SchemaWalker.ContainsAutoLayout(this, member.Shape);
            if (size > StoreOptions.MaxRecordBytesLimit)
            {
                // Its members' sizes add up past any record: the document's structs double at each level, or are forged.
                throw Bad($"the struct '{name}' would take more than {StoreOptions.MaxRecordBytesLimit} bytes, larger than any record");
            }
        }

        _measuring.Remove(name);
        return _structs[name] = size < 0 ? (-1, 1, false) : ((int)AlignUp(size, align), align, autoLayout);
    }

    private static long AlignUp(long size, int align) => (size + align - 1) / align * align;

    // Every enum and object a shape names must be described, as what the shape says it is.
    private static void CheckNames(SchemaDocument document, SchemaShape shape, string where)
    {
        switch (shape.Kind)
        {
            case SchemaShapeKind.Enum when !document._types.TryGetValue(shape.Name!, out var t) || t is not SchemaEnumType:
                throw Bad($"{where} has the shape {shape}, but the document describes no enum '{shape.Name}'");
            case SchemaShapeKind.Object when !document._types.TryGetValue(shape.Name!, out var t) || t is not SchemaObjectType:
                throw Bad($"{where} has the shape {shape}, but the document describes no object type '{shape.Name}'");
            case SchemaShapeKind.Nullable or SchemaShapeKind.List or SchemaShapeKind.Array or SchemaShapeKind.Set:
                CheckNames(document, shape.Element!, where);
                break;
            case SchemaShapeKind.Dictionary:
                CheckNames(document, shape.Element!, where);
                CheckNames(document, shape.Value!, where);
                break;
        }
    }

    // "opaque":{"App.StateChange":["App.JobState"],...}: the enums inside each opaque type.
    private static Dictionary<string, IReadOnlyList<string>> ReadOpaque(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "'opaque'");
        var opaque = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        while (NextProperty(ref reader, out var name))
        {
            Expect(ref reader, JsonTokenType.StartArray, $"the enums of the opaque type '{name}'");
            var enums = new List<string>();
            while (Read(ref reader) && reader.TokenType != JsonTokenType.EndArray)
            {
                Limit(enums.Count, $"enums of '{name}'");
                enums.Add(ReadString(ref reader, $"an enum of the opaque type '{name}'"));
            }

            Limit(opaque.Count, "opaque types");
            if (!opaque.TryAdd(name, enums))
            {
                throw Bad($"the opaque type '{name}' is listed twice");
            }
        }

        return opaque;
    }

    private RuleSchema BuildRules()
    {
        var types = new Dictionary<string, RuleType>(StringComparer.Ordinal);
        foreach (var (name, type) in _types)
        {
            types[name] = type switch
            {
                SchemaEnumType e => new RuleType(name, SchemaShape.NameOf(e.Underlying), e.Values.Select(v => v.Name).ToList(), e.Values.Select(v => v.Value).ToList(), e.UnknownValue),
                SchemaObjectType o => new RuleType(name, ModeText(o.Mode), o.IsStruct, o.Members.Select(m => m.Name).ToList(), o.Members.Select(m => m.Shape.ToString()).ToList()),
                _ => throw new InvalidOperationException($"unknown schema type {type.GetType()}"),
            };
        }

        var opaque = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
        foreach (var (name, enums) in OpaqueEnums)
        {
            opaque[name] = enums.ToList();
        }

        return new RuleSchema(types, opaque);
    }

    private static string ModeText(SchemaObjectMode mode) => mode switch
    {
        SchemaObjectMode.Default => "default",
        SchemaObjectMode.VersionTolerant => "versiontolerant",
        SchemaObjectMode.Circular => "circular",
        _ => "union",
    };

    private static List<SchemaMember> ReadMembers(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray, "'members'");
        var members = new List<SchemaMember>();
        while (Read(ref reader) && reader.TokenType != JsonTokenType.EndArray)
        {
            Expect(ref reader, JsonTokenType.StartObject, "a member");
            string? name = null;
            uint? key = null;
            SchemaShape? shape = null;
            while (NextProperty(ref reader, out var property))
            {
                switch (property)
                {
                    case "name":
                        name = ReadString(ref reader, "a member's name");
                        break;
                    case "key":
                        key = reader.TokenType == JsonTokenType.Number && reader.TryGetUInt32(out var k) ? k : throw Bad($"member '{name}' has a key that is no uint32");
                        break;
                    case "shape":
                        shape = SchemaShape.Parse(ReadString(ref reader, "a member's shape"));
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (name is null || key is null || shape is null)
            {
                throw Bad($"a member lacks its {(name is null ? "name" : key is null ? "key" : "shape")}");
            }

            Limit(members.Count, "members");
            members.Add(new SchemaMember(name, key.Value, shape));
        }

        return members;
    }

    private static Dictionary<string, SchemaType> ReadTypes(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "'types'");
        var types = new Dictionary<string, SchemaType>(StringComparer.Ordinal);
        while (NextProperty(ref reader, out var name))
        {
            Expect(ref reader, JsonTokenType.StartObject, $"type '{name}'");
            string? enumUnderlying = null, objectMode = null, unknown = null;
            var flags = false;
            var isStruct = false;
            List<SchemaEnumValue>? values = null;
            List<SchemaObjectMember>? members = null;
            while (NextProperty(ref reader, out var property))
            {
                switch (property)
                {
                    case "enum":
                        enumUnderlying = ReadString(ref reader, $"the underlying type of '{name}'");
                        break;
                    case "object":
                        objectMode = ReadString(ref reader, $"the mode of '{name}'");
                        break;
                    case "values":
                        values = ReadEnumValues(ref reader, name);
                        break;
                    case "members":
                        members = ReadObjectMembers(ref reader, name);
                        break;
                    case "flags":
                        flags = ReadBool(ref reader, $"'flags' of '{name}'");
                        break;
                    case "struct":
                        isStruct = ReadBool(ref reader, $"'struct' of '{name}'");
                        break;
                    case "unknown":
                        unknown = ReadString(ref reader, $"'unknown' of '{name}'");
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            Limit(types.Count, "types");
            SchemaType type;
            if (enumUnderlying is not null)
            {
                var underlying = SchemaShape.ScalarOf(enumUnderlying);
                if (underlying is not (SchemaScalar.Byte or SchemaScalar.SByte or SchemaScalar.Int16 or SchemaScalar.UInt16 or SchemaScalar.Int32 or SchemaScalar.UInt32 or SchemaScalar.Int64 or SchemaScalar.UInt64))
                {
                    throw Bad($"enum '{name}' has the underlying type '{enumUnderlying}', which is no integer type an enum can have");
                }

                values ??= [];
                if (unknown is not null && values.TrueForAll(v => v.Name != unknown))
                {
                    throw Bad($"enum '{name}' accepts unknown values as '{unknown}', which is none of its members");
                }

                type = new SchemaEnumType(name, underlying, values, flags, unknown);
            }
            else if (objectMode is not null)
            {
                var mode = objectMode switch
                {
                    "default" => SchemaObjectMode.Default,
                    "versiontolerant" => SchemaObjectMode.VersionTolerant,
                    "circular" => SchemaObjectMode.Circular,
                    "union" => SchemaObjectMode.Union,
                    _ => throw Bad($"object type '{name}' has the unknown mode '{objectMode}'"),
                };
                type = new SchemaObjectType(name, mode, (IReadOnlyList<SchemaObjectMember>?)members ?? [], isStruct);
            }
            else
            {
                throw Bad($"type '{name}' is neither an enum nor an object");
            }

            if (!types.TryAdd(name, type))
            {
                throw Bad($"type '{name}' is described twice");
            }
        }

        return types;
    }

    // "values":[["Queued",1],...] and "members":[["X","int32"],...]: pairs of a name and what follows it.
    private static List<SchemaEnumValue> ReadEnumValues(ref Utf8JsonReader reader, string type)
        => ReadPairs(ref reader, type, "value", "a number", static (ref Utf8JsonReader r, string type, string name) => new SchemaEnumValue(name, ReadEnumNumber(ref r, type, name)));

    private static List<SchemaObjectMember> ReadObjectMembers(ref Utf8JsonReader reader, string type)
        => ReadPairs(ref reader, type, "member", "a shape", static (ref Utf8JsonReader r, string type, string name) => new SchemaObjectMember(name, SchemaShape.Parse(ReadString(ref r, $"the shape of '{type}.{name}'"))));

    private static long ReadEnumNumber(ref Utf8JsonReader reader, string type, string name)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw Bad($"the value '{name}' of '{type}' has no number");
        }
        else if (reader.TryGetInt64(out var signed))
        {
            return signed;
        }
        else if (reader.TryGetUInt64(out var unsigned))
        {
            return unchecked((long)unsigned);
        }

        throw Bad($"the value '{name}' of '{type}' is not a 64-bit integer");
    }

    // An array of two-element arrays [name, second] of one type: 'entry' names an element ("value"), 'second' what
    // follows the name ("a number"); read by 'readSecond', which is left on the second element's token.
    private static List<T> ReadPairs<T>(ref Utf8JsonReader reader, string type, string entry, string second, PairReader<T> readSecond)
    {
        Expect(ref reader, JsonTokenType.StartArray, $"the {entry}s of '{type}'");
        var pairs = new List<T>();
        while (Read(ref reader) && reader.TokenType != JsonTokenType.EndArray)
        {
            Expect(ref reader, JsonTokenType.StartArray, $"a {entry} of '{type}'");
            Read(ref reader);
            var name = ReadString(ref reader, $"a {entry}'s name of '{type}'");
            Read(ref reader);
            var pair = readSecond(ref reader, type, name);
            Read(ref reader);
            Expect(ref reader, JsonTokenType.EndArray, $"the {entry} '{name}' of '{type}' (a name and {second})");
            Limit(pairs.Count, $"{entry}s of '{type}'");
            pairs.Add(pair);
        }

        return pairs;
    }

    private static bool NextProperty(ref Utf8JsonReader reader, out string name)
    {
        Read(ref reader);
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = "";
            return false;
        }

        Expect(ref reader, JsonTokenType.PropertyName, "a property");
        name = CheckedLength(reader.GetString()!, "a property name");
        Read(ref reader);
        return true;
    }

    private static string ReadString(ref Utf8JsonReader reader, string what)
    {
        Expect(ref reader, JsonTokenType.String, what);
        var text = reader.GetString()!;
        return text.Length == 0 ? throw Bad($"{what} is empty") : CheckedLength(text, what);
    }

    private static bool ReadBool(ref Utf8JsonReader reader, string what)
        => reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw Bad($"{what} is not true or false"),
        };

    private static string CheckedLength(string text, string what)
        => text.Length <= MaxNameLength ? text : throw Bad($"{what} is longer than {MaxNameLength} characters");

    private static bool Read(ref Utf8JsonReader reader)
        => reader.Read() ? true : throw Bad("the document ends early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string what)
    {
        if (reader.TokenType != token)
        {
            throw Bad($"{what} is a {reader.TokenType} where a {token} belongs");
        }
    }

    private static void Limit(int count, string what)
    {
        if (count >= MaxEntries)
        {
            throw Bad($"more than {MaxEntries} {what}");
        }
    }

    private static FormatException Bad(string what) => new($"schema document: {what}");

    private delegate T PairReader<out T>(ref Utf8JsonReader reader, string type, string name);
}
