using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Schemas;

/// <summary>
/// Reads MemoryPack bytes of any shape by a schema document, without the types that wrote them: skips a
/// value (no JSON writer given) or writes it as JSON. Every length and count is checked against the
/// bytes that remain, values nest at most <see cref="SchemaBodyReader.MaxDepth"/> deep (the store's
/// <see cref="StoreOptions.MaxNestingDepth"/>), and a value that breaks a rule is an
/// <see cref="InvalidDataException"/> saying which rule.
/// </summary>
internal static class SchemaWalker
{
    /// <summary>
    /// How deeply values may nest (a list in a list, an object in a list, ...) when no store says otherwise
    /// (<see cref="StoreOptions.DefaultMaxNestingDepth"/>); also how deeply the schema's own shapes are followed.
    /// </summary>
    public const int MaxDepth = StoreOptions.DefaultMaxNestingDepth;

    /// <summary>The largest <c>BigInteger</c>, in bytes, written as a JSON number; a larger one is written as base64.</summary>
    public const int MaxBigIntegerDigitsBytes = 4096;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Whether the walker can read <paramref name="shape"/>: no opaque type, no object of another mode than
    /// MemoryPack's default, no unmanaged composite holding a <c>DateTimeOffset</c> (automatic layout). A
    /// member of any other shape is shown as the base64 of its bytes.
    /// </summary>
    public static bool IsDecodable(SchemaDocument document, SchemaShape shape) => IsDecodable(document, shape, [], 0);

    /// <summary>
    /// The fixed size of a value of <paramref name="shape"/> that MemoryPack writes as raw memory (a scalar, an
    /// enum, a nullable of one, an unmanaged struct), with its alignment; -1 for any other shape.
    /// </summary>
    public static int UnmanagedSize(SchemaDocument document, SchemaShape shape, out int align) => UnmanagedSize(document, shape, out align, 0);

    /// <summary>
    /// Reads (and skips, or writes as JSON) one value of <paramref name="shape"/>. Without a JSON writer but with
    /// <paramref name="check"/>, every value is checked as the JSON walk checks it, and references are collected.
    /// </summary>
    public static void Value(ref SchemaBodyReader reader, SchemaDocument document, SchemaShape shape, Utf8JsonWriter? json, int depth, SchemaCheck? check = null)
    {
        if (depth > reader.MaxDepth)
        {
            throw NestingDepth.Exceeded(reader.MaxDepth);
        }

        var size = UnmanagedSize(document, shape, out _);
        if (size >= 0)
        {
            var slice = reader.Take(size, "a value of {0}", shape);
            if (json is not null)
            {
                Fixed(slice, document, shape, json, depth);
            }
            else if (check is not null)
            {
                CheckFixed(slice, document, shape);
            }

            return;
        }

        switch (shape.Kind)
        {
            case SchemaShapeKind.String when json is null:
                SkipString(ref reader);
                break;
            case SchemaShapeKind.String:
                if (json is null)
                {
                    SkipString(ref reader);
                }
                else
                {
                    WriteString(json, ReadString(ref reader));
                }

                break;
            case SchemaShapeKind.Scalar when shape.Scalar == SchemaScalar.BigInteger:
                BigIntegerValue(ref reader, json);
                break;
            case SchemaShapeKind.Scalar when shape.Scalar == SchemaScalar.Uri:
                var uri = json is null ? (SkipString(ref reader) ? null : string.Empty) : ReadString(ref reader);
                if (uri is not null && reader.ReadByte("a URI's kind") > 1)
                {
                    throw new InvalidDataException("a URI's kind byte is neither 0 nor 1");
                }

                WriteString(json, uri);
                break;
            case SchemaShapeKind.Reference:
                Reference(ref reader, json, check);
                break;
            case SchemaShapeKind.Nullable:
                // A nullable of a struct holding references: an object header, 255 (null) or 1.
                var header = reader.ReadByte("a {0}", shape);
                if (header == 255)
                {
                    json?.WriteNullValue();
                }
                else if (header == 1)
                {
                    Value(ref reader, document, shape.Element!, json, depth + 1, check);
                }
                else
                {
                    throw new InvalidDataException($"a {shape} has the header {header}, neither 255 (null) nor 1");
                }

                break;
            case SchemaShapeKind.Object:
                Object(ref reader, document, document.GetObject(shape.Name!), json, depth, check);
                break;
            case SchemaShapeKind.List or SchemaShapeKind.Array or SchemaShapeKind.Set:
                Collection(ref reader, document, shape, json, depth, check);
                break;
            case SchemaShapeKind.Dictionary:
                Dictionary(ref reader, document, shape, json, depth, check);
                break;
            default:
                throw new InvalidDataException($"the shape {shape} cannot be decoded without its type (only a whole member of it is shown, as base64)");
        }
    }

    /// <summary>Reads a string (checked as <c>MemberFraming.ReadString</c> does); null for MemoryPack's null.</summary>
    public static string? ReadString(ref SchemaBodyReader reader)
    {
        var header = reader.ReadInt32("a string header");
        if (header == -1)
        {
            return null;
        }

        if (header == 0)
        {
            return "";
        }

        if (header > 0)
        {
            var utf16 = reader.Take(checked((int)Math.Min((long)header * 2, int.MaxValue)), $"a UTF-16 string of {header} characters");
            return new string(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(utf16));
        }

        var length = ~header;
        var utf16Length = reader.ReadInt32("a string's UTF-16 length");
        if (utf16Length < -1 || utf16Length > length)
        {
            // As MemberFraming.ReadString: MemoryPack sizes the string it allocates by this number.
            throw new InvalidDataException($"a string of {length} UTF-8 bytes claims {utf16Length} UTF-16 code units");
        }

        var utf8 = reader.Take(length, $"a string of {length} UTF-8 bytes");
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException($"a string of {length} bytes is not valid UTF-8");
        }
    }

    /// <summary>Checks a string as <see cref="ReadString"/> does (strict UTF-8 included) without creating it; true for MemoryPack's null.</summary>
    public static bool SkipString(ref SchemaBodyReader reader)
    {
        var header = reader.ReadInt32("a string header");
        if (header is -1 or 0)
        {
            return header == -1;
        }

        if (header > 0)
        {
            reader.Take(checked((int)Math.Min((long)header * 2, int.MaxValue)), "a UTF-16 string of {0} characters", header);
            return false;
        }

        var length = ~header;
        var utf16Length = reader.ReadInt32("a string's UTF-16 length");
        if (utf16Length < -1 || utf16Length > length)
        {
            throw new InvalidDataException($"a string of {length} UTF-8 bytes claims {utf16Length} UTF-16 code units");
        }

        if (length > reader.Remaining)
        {
            throw new InvalidDataException($"a string of {length} UTF-8 bytes needs {length} bytes, but {reader.Remaining} remain");
        }

        if (!System.Text.Unicode.Utf8.IsValid(reader.Take(length, "a string")))
        {
            throw new InvalidDataException($"a string of {length} bytes is not valid UTF-8");
        }

        return false;
    }

    /// <summary>
    /// The number the bytes of an integer of at most 64 bits hold (an enum's underlying type is one): sign-extended or
    /// zero-extended to 64 bits; a <c>ulong</c> keeps its bits (<c>unchecked((ulong)number)</c> gives it back).
    /// </summary>
    public static long ReadInteger(ReadOnlySpan<byte> bytes, SchemaScalar scalar)
        => scalar switch
        {
            SchemaScalar.Byte => bytes[0],
            SchemaScalar.SByte => (sbyte)bytes[0],
            SchemaScalar.Int16 => BinaryPrimitives.ReadInt16LittleEndian(bytes),
            SchemaScalar.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            SchemaScalar.Int32 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
            SchemaScalar.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            _ => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        };

    /// <summary>The name of an enum value, the names of its flags joined by ", ", or <see langword="null"/> when it has none.</summary>
    public static string? EnumName(SchemaEnumType type, long number)
    {
        if (type.Find(number) is { } exact)
        {
            return exact.Name;
        }

        if (!type.IsFlags || number == 0)
        {
            return null;
        }

        var names = new List<string>();
        var rest = number;
        foreach (var value in type.Values)
        {
            if (value.Value != 0 && (rest & value.Value) == value.Value)
            {
                names.Add(value.Name);
                rest &= ~value.Value;
            }
        }

        return rest == 0 ? string.Join(", ", names) : null;
    }

    private static bool IsDecodable(SchemaDocument document, SchemaShape shape, HashSet<string> visiting, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        switch (shape.Kind)
        {
            case SchemaShapeKind.Opaque:
                return false;
            case SchemaShapeKind.Nullable or SchemaShapeKind.List or SchemaShapeKind.Array or SchemaShapeKind.Set:
                return IsDecodable(document, shape.Element!, visiting, depth + 1)
                    && (shape.Kind != SchemaShapeKind.Nullable || UnmanagedSize(document, shape.Element!, out _) >= 0 || shape.Element!.Kind == SchemaShapeKind.Object);
            case SchemaShapeKind.Dictionary:
                return IsDecodable(document, shape.Element!, visiting, depth + 1) && IsDecodable(document, shape.Value!, visiting, depth + 1)
                    && !(UnmanagedSize(document, shape.Element!, out _) >= 0 && UnmanagedSize(document, shape.Value!, out _) >= 0
                        && (ContainsAutoLayout(document, shape.Element!) || ContainsAutoLayout(document, shape.Value!)));
            case SchemaShapeKind.Object:
                var type = document.GetObject(shape.Name!);
                if (type.Mode != SchemaObjectMode.Default)
                {
                    return false;
                }

                if (UnmanagedSize(document, shape, out _) >= 0)
                {
                    return !ContainsAutoLayout(document, shape);
                }

                // Each type is looked at once (a hostile document's types may refer to each other twice per level):
                // met again on this path it is recursive, decodable if the rest is; met before on another path, it
                // was decodable, since anything that is not ends the whole answer.
                if (!visiting.Add(type.Name))
                {
                    return true;
                }

                foreach (var member in type.Members)
                {
                    if (!IsDecodable(document, member.Shape, visiting, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    /// <summary>
    /// Whether a value of <paramref name="shape"/>, an unmanaged one (a scalar, an enum, a nullable of one, an
    /// unmanaged struct), holds a DateTimeOffset, whose place in it this runtime decides.
    /// </summary>
    internal static bool ContainsAutoLayout(SchemaDocument document, SchemaShape shape) => ContainsAutoLayout(document, shape, 0);

    private static bool ContainsAutoLayout(SchemaDocument document, SchemaShape shape, int depth)
    {
        if (depth > MaxDepth)
        {
            return true;
        }

        return shape.Kind switch
        {
            SchemaShapeKind.Scalar => shape.Scalar == SchemaScalar.DateTimeOffset,
            SchemaShapeKind.Nullable => ContainsAutoLayout(document, shape.Element!, depth + 1) && shape.Element!.Kind != SchemaShapeKind.Scalar,
            SchemaShapeKind.Object => document.StructLayout(shape.Name!).AutoLayout, // measured with the struct, once
            _ => false,
        };
    }

    private static int UnmanagedSize(SchemaDocument document, SchemaShape shape, out int align, int depth)
    {
        align = 1;
        if (depth > MaxDepth)
        {
            return -1;
        }

        switch (shape.Kind)
        {
            case SchemaShapeKind.Scalar:
                align = ScalarLayout.Align(shape.Scalar);
                return ScalarLayout.Size(shape.Scalar);
            case SchemaShapeKind.Enum:
                var underlying = document.GetEnum(shape.Name!).Underlying;
                align = ScalarLayout.Align(underlying);
                return ScalarLayout.Size(underlying);
            case SchemaShapeKind.Nullable:
                if (shape.Element!.Kind == SchemaShapeKind.Scalar && ScalarLayout.Size(shape.Element.Scalar) >= 0)
                {
                    align = ScalarLayout.Align(shape.Element.Scalar);
                    return ScalarLayout.NullableSize(shape.Element.Scalar);
                }

                var inner = UnmanagedSize(document, shape.Element, out var innerAlign, depth + 1);
                if (inner < 0)
                {
                    return -1;
                }

                align = innerAlign;
                return innerAlign + inner; // HasValue, padding to the value's alignment, the value (a multiple of it)
            case SchemaShapeKind.Object:
                // Measured once per type when the document was parsed: a walk of its members here would follow every
                // path through a struct whose members' types repeat, 2^depth of them in a hostile document.
                (var size, align, _) = document.StructLayout(shape.Name!);
                return size;
            default:
                return -1;
        }
    }

    private static int AlignUp(int size, int align) => (size + align - 1) / align * align;

    // A value MemoryPack wrote as raw memory, in its slice of exactly its size.
    private static void Fixed(ReadOnlySpan<byte> bytes, SchemaDocument document, SchemaShape shape, Utf8JsonWriter json, int depth)
    {
        switch (shape.Kind)
        {
            case SchemaShapeKind.Scalar:
                Scalar(bytes, shape.Scalar, json);
                break;
            case SchemaShapeKind.Enum:
                var type = document.GetEnum(shape.Name!);
                var number = ReadInteger(bytes, type.Underlying);
                if (EnumName(type, number) is { } name)
                {
                    json.WriteStringValue(name);
                }
                else if (type.Underlying == SchemaScalar.UInt64)
                {
                    json.WriteNumberValue(unchecked((ulong)number));
                }
                else
                {
                    json.WriteNumberValue(number);
                }

                break;
            case SchemaShapeKind.Nullable:
                if (bytes[0] > 1)
                {
                    throw new InvalidDataException($"a {shape} has the HasValue byte {bytes[0]}, neither 0 nor 1");
                }

                if (bytes[0] == 0)
                {
                    json.WriteNullValue();
                    break;
                }

                var offset = shape.Element!.Kind == SchemaShapeKind.Scalar
                    ? ScalarLayout.NullableValueOffset(shape.Element.Scalar)
                    : bytes.Length - UnmanagedSize(document, shape.Element, out _);
                var innerSize = UnmanagedSize(document, shape.Element, out _);
                Fixed(bytes.Slice(offset, innerSize), document, shape.Element, json, depth + 1);
                break;
            default: // an unmanaged struct: its members in order, each at its alignment
                json.WriteStartObject();
                var at = 0;
                foreach (var member in document.GetObject(shape.Name!).Members)
                {
                    var memberSize = UnmanagedSize(document, member.Shape, out var memberAlign);
                    at = AlignUp(at, memberAlign);
                    json.WritePropertyName(member.Name);
                    Fixed(bytes.Slice(at, memberSize), document, member.Shape, json, depth + 1);
                    at += memberSize;
                }

                json.WriteEndObject();
                break;
        }
    }

    // Checks a value MemoryPack wrote as raw memory as Fixed does, writing nothing.
    private static void CheckFixed(ReadOnlySpan<byte> bytes, SchemaDocument document, SchemaShape shape)
    {
        switch (shape.Kind)
        {
            case SchemaShapeKind.Scalar:
                CheckScalar(bytes, shape.Scalar);
                break;
            case SchemaShapeKind.Enum:
                break; // a number no member has is written as the number
            case SchemaShapeKind.Nullable:
                if (bytes[0] > 1)
                {
                    throw new InvalidDataException($"a {shape} has the HasValue byte {bytes[0]}, neither 0 nor 1");
                }

                if (bytes[0] == 0)
                {
                    break;
                }

                var innerSize = UnmanagedSize(document, shape.Element!, out _);
                var offset = shape.Element!.Kind == SchemaShapeKind.Scalar
                    ? ScalarLayout.NullableValueOffset(shape.Element.Scalar)
                    : bytes.Length - innerSize;
                CheckFixed(bytes.Slice(offset, innerSize), document, shape.Element);
                break;
            default: // an unmanaged struct: its members in order, each at its alignment
                var at = 0;
                foreach (var member in document.GetObject(shape.Name!).Members)
                {
                    var memberSize = UnmanagedSize(document, member.Shape, out var memberAlign);
                    at = AlignUp(at, memberAlign);
                    CheckFixed(bytes.Slice(at, memberSize), document, member.Shape);
                    at += memberSize;
                }

                break;
        }
    }

    // Whether CheckFixed can find anything wrong in a value of this shape (every bit pattern of an integer, a float or an enum is one).
    private static bool FixedNeedsCheck(SchemaShape shape)
        => shape.Kind switch
        {
            SchemaShapeKind.Scalar => shape.Scalar is SchemaScalar.Bool or SchemaScalar.Decimal or SchemaScalar.DateTime or SchemaScalar.DateTimeOffset
                or SchemaScalar.DateOnly or SchemaScalar.TimeOnly,
            SchemaShapeKind.Enum => false,
            _ => true,
        };

    // The checks Scalar makes, writing nothing.
    private static void CheckScalar(ReadOnlySpan<byte> b, SchemaScalar scalar)
    {
        switch (scalar)
        {
            case SchemaScalar.Bool:
                ReadBool(b);
                break;
            case SchemaScalar.Decimal:
                ReadDecimal(b);
                break;
            case SchemaScalar.DateTime:
                ReadDateTime(b);
                break;
            case SchemaScalar.DateTimeOffset:
                ReadDateTimeOffset(b);
                break;
            case SchemaScalar.DateOnly:
                ReadDateOnly(b);
                break;
            case SchemaScalar.TimeOnly:
                ReadTimeOnly(b);
                break;
        }
    }

    private static void Scalar(ReadOnlySpan<byte> b, SchemaScalar scalar, Utf8JsonWriter json)
    {
        switch (scalar)
        {
            case SchemaScalar.Bool:
                json.WriteBooleanValue(ReadBool(b));
                break;
            case SchemaScalar.Byte or SchemaScalar.SByte or SchemaScalar.Int16 or SchemaScalar.UInt16 or SchemaScalar.Int32 or SchemaScalar.UInt32
                or SchemaScalar.Int64:
                json.WriteNumberValue(ReadInteger(b, scalar));
                break;
            case SchemaScalar.UInt64:
                json.WriteNumberValue(BinaryPrimitives.ReadUInt64LittleEndian(b));
                break;
            case SchemaScalar.Int128 or SchemaScalar.UInt128:
                json.WriteRawValue(IntegerText(b, scalar));
                break;
            case SchemaScalar.Float16:
                Floating(json, (double)BinaryPrimitives.ReadHalfLittleEndian(b));
                break;
            case SchemaScalar.Float32:
                var single = BinaryPrimitives.ReadSingleLittleEndian(b);
                if (float.IsFinite(single))
                {
                    json.WriteNumberValue(single);
                }
                else
                {
                    Floating(json, single);
                }

                break;
            case SchemaScalar.Float64:
                Floating(json, BinaryPrimitives.ReadDoubleLittleEndian(b));
                break;
            case SchemaScalar.Decimal:
                var number = ReadDecimal(b);
                if (number == 0m && decimal.IsNegative(number))
                {
                    // .NET prints a negative zero without its sign, which a JSON reader keeps (decimal.Parse("-0.00")).
                    json.WriteRawValue("-" + number.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    json.WriteNumberValue(number);
                }

                break;
            case SchemaScalar.Char:
                var c = (char)BinaryPrimitives.ReadUInt16LittleEndian(b);
                if (char.IsSurrogate(c))
                {
                    json.WriteNumberValue((int)c); // a lone surrogate is no JSON string: its code unit
                }
                else
                {
                    json.WriteStringValue([c]);
                }

                break;
            case SchemaScalar.DateTime:
                json.WriteStringValue(ReadDateTime(b));
                break;
            case SchemaScalar.DateTimeOffset:
                json.WriteStringValue(ReadDateTimeOffset(b));
                break;
            case SchemaScalar.TimeSpan:
                json.WriteStringValue(TimeSpan.FromTicks(BinaryPrimitives.ReadInt64LittleEndian(b)).ToString("c", CultureInfo.InvariantCulture));
                break;
            case SchemaScalar.DateOnly:
                json.WriteStringValue(ReadDateOnly(b).ToString("O", CultureInfo.InvariantCulture));
                break;
            case SchemaScalar.TimeOnly:
                json.WriteStringValue(ReadTimeOnly(b).ToString("O", CultureInfo.InvariantCulture));
                break;
            case SchemaScalar.Guid:
                json.WriteStringValue(new Guid(b));
                break;
            default:
                throw new InvalidDataException($"the scalar {scalar} has no fixed size");
        }
    }

    // A bool from its byte, which must be 0 or 1.
    private static bool ReadBool(ReadOnlySpan<byte> b)
        => b[0] switch { 0 => false, 1 => true, _ => throw new InvalidDataException($"a bool holds the byte {b[0]}, neither 0 nor 1") };

    // A DateOnly from its day number, checked.
    private static DateOnly ReadDateOnly(ReadOnlySpan<byte> b)
    {
        var day = BinaryPrimitives.ReadInt32LittleEndian(b);
        return day < 0 || day > DateOnly.MaxValue.DayNumber
            ? throw new InvalidDataException($"a DateOnly holds the day number {day}, out of range")
            : DateOnly.FromDayNumber(day);
    }

    // A TimeOnly from its ticks, checked.
    private static TimeOnly ReadTimeOnly(ReadOnlySpan<byte> b)
    {
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(b);
        return ticks < 0 || ticks >= TimeSpan.TicksPerDay
            ? throw new InvalidDataException($"a TimeOnly holds {ticks} ticks, out of range")
            : new TimeOnly(ticks);
    }

    /// <summary>A decimal from its 16 bytes (flags, high 32 bits, low 64 bits), its flags checked.</summary>
    public static decimal ReadDecimal(ReadOnlySpan<byte> b)
    {
        var flags = BinaryPrimitives.ReadInt32LittleEndian(b);
        var hi = BinaryPrimitives.ReadInt32LittleEndian(b[4..]);
        var lo = BinaryPrimitives.ReadUInt64LittleEndian(b[8..]);
        var scale = (flags >> 16) & 0xFF;
        if ((flags & 0x7F00FFFF) != 0 || scale > 28)
        {
            throw new InvalidDataException($"a decimal holds the invalid flags 0x{flags:X8}");
        }

        return new decimal(unchecked((int)lo), unchecked((int)(lo >> 32)), hi, flags < 0, (byte)scale);
    }

    /// <summary>A DateTime from its 8 bytes (ticks in bits 0-61, the kind in 62-63), its ticks checked.</summary>
    public static DateTime ReadDateTime(ReadOnlySpan<byte> b)
    {
        var data = BinaryPrimitives.ReadUInt64LittleEndian(b);
        var ticks = (long)(data & 0x3FFFFFFFFFFFFFFFUL);
        if (ticks > DateTime.MaxValue.Ticks)
        {
            throw new InvalidDataException($"a DateTime holds {ticks} ticks, past DateTime.MaxValue");
        }

        var kind = (data >> 62) switch { 0 => DateTimeKind.Unspecified, 1 => DateTimeKind.Utc, _ => DateTimeKind.Local };
        return new DateTime(ticks, kind);
    }

    /// <summary>A DateTimeOffset from its bytes on this runtime (the offset in minutes, then the UTC date and time), checked.</summary>
    public static DateTimeOffset ReadDateTimeOffset(ReadOnlySpan<byte> b)
    {
        var minutes = BinaryPrimitives.ReadInt32LittleEndian(b);
        var utc = ReadDateTime(b[8..]);
        if (minutes is < -840 or > 840)
        {
            throw new InvalidDataException($"a DateTimeOffset holds the offset of {minutes} minutes, out of range");
        }

        var local = utc.Ticks + (minutes * TimeSpan.TicksPerMinute);
        if (local < 0 || local > DateTime.MaxValue.Ticks)
        {
            throw new InvalidDataException("a DateTimeOffset holds a date and time out of range");
        }

        return new DateTimeOffset(local, TimeSpan.FromMinutes(minutes));
    }

    private static void Floating(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void WriteString(Utf8JsonWriter? json, string? text)
    {
        if (json is null)
        {
            return;
        }

        if (text is null)
        {
            json.WriteNullValue();
        }
        else if (Utf16Text.IndexOfLoneSurrogate(text) >= 0)
        {
            // The writer would put U+FFFD in place of a lone surrogate (another string): JSON escapes show every code unit.
            json.WriteRawValue(Escaped(text), skipInputValidation: true);
        }
        else
        {
            json.WriteStringValue(text);
        }
    }

    // A JSON string of text's code units: printable ASCII as it is (quote and backslash escaped), any other as \uXXXX.
    private static string Escaped(string text)
    {
        var escaped = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                escaped.Append('\\').Append(c);
            }
            else if (c is >= ' ' and < '\u007f')
            {
                escaped.Append(c);
            }
            else
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return escaped.Append('"').ToString();
    }

    private static void BigIntegerValue(ref SchemaBodyReader reader, Utf8JsonWriter? json)
    {
        var count = reader.ReadCount(1, "a BigInteger");
        var bytes = count <= 0 ? [] : reader.Take(count, "a BigInteger");
        if (json is null)
        {
            return;
        }

        if (bytes.Length > MaxBigIntegerDigitsBytes)
        {
            json.WriteBase64StringValue(bytes);
        }
        else
        {
            json.WriteRawValue((bytes.Length == 0 ? BigInteger.Zero : new BigInteger(bytes)).ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void Reference(ref SchemaBodyReader reader, Utf8JsonWriter? json, SchemaCheck? check)
    {
        var header = reader.ReadByte("a reference");
        if (header == 255)
        {
            json?.WriteNullValue();
            return;
        }

        if (header != 3)
        {
            throw new InvalidDataException($"a reference has the header {header}, neither 255 (null) nor 3");
        }

        var tag = ReadString(ref reader);
        var prefix = ReadString(ref reader);
        var seqNo = reader.ReadInt64("a reference's ID number");
        if (string.IsNullOrEmpty(tag) || string.IsNullOrEmpty(prefix) || !Id.IsValidPrefix(prefix) || seqNo < 0)
        {
            throw new InvalidDataException($"a reference names no valid ID ('{Id.Escape(prefix ?? "")}.{seqNo}' of type '{Id.Escape(tag ?? "")}')");
        }

        if (json is not null)
        {
            json.WriteStartObject();
            json.WriteString("$ref", $"{prefix}.{seqNo.ToString(CultureInfo.InvariantCulture)}");
            json.WriteEndObject();
        }
        else if (check is not null)
        {
            var referenced = $"{prefix}.{seqNo.ToString(CultureInfo.InvariantCulture)}";
            check.References?.Add(referenced);
            check.TaggedReferences?.Add(new(referenced, tag));
        }
    }

    private static void Object(ref SchemaBodyReader reader, SchemaDocument document, SchemaObjectType type, Utf8JsonWriter? json, int depth, SchemaCheck? check)
    {
        if (type.Mode != SchemaObjectMode.Default)
        {
            throw new InvalidDataException($"'{type.Name}' is serialized in MemoryPack's {type.Mode} mode, which decoders do not read (a whole member of it is shown as base64)");
        }

        var count = reader.ReadByte("a '{0}'", type.Name);
        if (count == 255 && !type.IsStruct)
        {
            json?.WriteNullValue();
            return;
        }

        if (count > type.Members.Count)
        {
            throw new InvalidDataException($"a '{type.Name}' claims {count} members, but its type has {type.Members.Count}");
        }

        json?.WriteStartObject();
        for (var i = 0; i < count; i++)
        {
            var member = type.Members[i];
            json?.WritePropertyName(member.Name);
            Value(ref reader, document, member.Shape, json, depth + 1, check);
        }

        json?.WriteEndObject();
    }

    private static void Collection(ref SchemaBodyReader reader, SchemaDocument document, SchemaShape shape, Utf8JsonWriter? json, int depth, SchemaCheck? check)
    {
        var element = shape.Element!;
        var elementSize = UnmanagedSize(document, element, out _);
        var count = reader.ReadCount(elementSize > 0 ? elementSize : 1, "a {0}", shape);
        if (count == -1)
        {
            json?.WriteNullValue();
            return;
        }

        if (json is null && elementSize >= 0)
        {
            var elements = reader.Take(count * elementSize, "a {0}", shape);
            if (check is not null && elementSize > 0 && FixedNeedsCheck(element))
            {
                for (var at = 0; at < elements.Length; at += elementSize)
                {
                    CheckFixed(elements.Slice(at, elementSize), document, element);
                }
            }

            return;
        }

        json?.WriteStartArray();
        for (var i = 0; i < count; i++)
        {
            Value(ref reader, document, element, json, depth + 1, check);
        }

        json?.WriteEndArray();
    }

    private static void Dictionary(ref SchemaBodyReader reader, SchemaDocument document, SchemaShape shape, Utf8JsonWriter? json, int depth, SchemaCheck? check)
    {
        var keyShape = shape.Element!;
        var valueShape = shape.Value!;
        var keySize = UnmanagedSize(document, keyShape, out var keyAlign);
        var valueSize = UnmanagedSize(document, valueShape, out var valueAlign);
        var pairIsRaw = keySize >= 0 && valueSize >= 0;
        var valueAt = pairIsRaw ? AlignUp(keySize, valueAlign) : 0;
        var pairSize = pairIsRaw ? AlignUp(valueAt + valueSize, Math.Max(keyAlign, valueAlign)) : 2;
        var count = reader.ReadCount(pairSize, "a {0}", shape);
        if (count == -1)
        {
            json?.WriteNullValue();
            return;
        }

        // Keys that are strings, enums or integers make a JSON object; any other keys an array of [key, value] pairs.
        var asObject = keyShape.Kind is SchemaShapeKind.String or SchemaShapeKind.Enum
            || (keyShape.Kind == SchemaShapeKind.Scalar && ScalarLayout.IsInteger(keyShape.Scalar));
        if (asObject)
        {
            json?.WriteStartObject();
        }
        else
        {
            json?.WriteStartArray();
        }

        // A key twice (a forged record) is refused by the application's load, and as a JSON object it would show one
        // value and hide the other: decoding and checking refuse it too. A depth walk (neither) does not look.
        var keys = asObject && count > 1 && (json is not null || check is not null) ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (var i = 0; i < count; i++)
        {
            if (pairIsRaw)
            {
                var pair = reader.Take(pairSize, "an entry of a {0}", shape);
                if (keys is not null)
                {
                    Once(keys, FixedKeyText(pair[..keySize], document, keyShape), shape);
                }

                if (json is not null)
                {
                    if (asObject)
                    {
                        json.WritePropertyName(FixedKeyText(pair[..keySize], document, keyShape));
                    }
                    else
                    {
                        json.WriteStartArray();
                        Fixed(pair[..keySize], document, keyShape, json, depth + 1);
                    }

                    Fixed(pair.Slice(valueAt, valueSize), document, valueShape, json, depth + 1);
                    if (!asObject)
                    {
                        json.WriteEndArray();
                    }
                }
                else if (check is not null)
                {
                    CheckFixed(pair[..keySize], document, keyShape);
                    CheckFixed(pair.Slice(valueAt, valueSize), document, valueShape);
                }

                continue;
            }

            if (asObject)
            {
                if (keyShape.Kind == SchemaShapeKind.String)
                {
                    if (json is null && keys is null)
                    {
                        if (SkipString(ref reader))
                        {
                            throw new InvalidDataException($"a {shape} has a null key");
                        }
                    }
                    else
                    {
                        var key = ReadString(ref reader) ?? throw new InvalidDataException($"a {shape} has a null key");
                        if (json is not null && Utf16Text.IndexOfLoneSurrogate(key) is var at and >= 0)
                        {
                            // The writer would put U+FFFD in its place, showing another key; a property name has no raw form.
                            throw new InvalidDataException($"a key of a {shape} holds the lone surrogate U+{(int)key[at]:X4} at index {at}, which a JSON property name cannot show (the application loads the record as it is)");
                        }

                        if (keys is not null)
                        {
                            Once(keys, key, shape);
                        }

                        json?.WritePropertyName(key);
                    }
                }
                else
                {
                    var keyBytes = reader.Take(keySize, "a key of a {0}", shape);
                    var text = json is null && keys is null ? null : FixedKeyText(keyBytes, document, keyShape);
                    if (keys is not null)
                    {
                        Once(keys, text!, shape);
                    }

                    if (json is not null)
                    {
                        json.WritePropertyName(text!);
                    }
                }

                Value(ref reader, document, valueShape, json, depth + 1, check);
            }
            else
            {
                json?.WriteStartArray();
                Value(ref reader, document, keyShape, json, depth + 1, check);
                Value(ref reader, document, valueShape, json, depth + 1, check);
                json?.WriteEndArray();
            }
        }

        if (asObject)
        {
            json?.WriteEndObject();
        }
        else
        {
            json?.WriteEndArray();
        }
    }

    // Each key of a dictionary once.
    private static void Once(HashSet<string> keys, string key, SchemaShape shape)
    {
        if (!keys.Add(key))
        {
            throw new InvalidDataException($"a {shape} holds the key '{(key.Length > 100 ? key[..100] + "...' (" + key.Length.ToString(CultureInfo.InvariantCulture) + " characters)" : key + "'")} twice, which a dictionary cannot (the application's load refuses the record)");
        }
    }

    // The text of an enum or integer key, for a JSON property name.
    private static string FixedKeyText(ReadOnlySpan<byte> bytes, SchemaDocument document, SchemaShape keyShape)
    {
        if (keyShape.Kind == SchemaShapeKind.Enum)
        {
            var type = document.GetEnum(keyShape.Name!);
            return EnumName(type, ReadInteger(bytes, type.Underlying)) ?? IntegerText(bytes, type.Underlying);
        }

        return IntegerText(bytes, keyShape.Scalar);
    }

    // The decimal text of an integer of any width.
    private static string IntegerText(ReadOnlySpan<byte> bytes, SchemaScalar scalar) => scalar switch
    {
        SchemaScalar.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(bytes).ToString(CultureInfo.InvariantCulture),
        SchemaScalar.Int128 => BinaryPrimitives.ReadInt128LittleEndian(bytes).ToString(CultureInfo.InvariantCulture),
        SchemaScalar.UInt128 => BinaryPrimitives.ReadUInt128LittleEndian(bytes).ToString(CultureInfo.InvariantCulture),
        _ => ReadInteger(bytes, scalar).ToString(CultureInfo.InvariantCulture),
    };
}
