using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Gc3.Persistence.Schemas;

/// <summary>
/// Rewrites the MemoryPack bytes of a value of a writer's shape as the bytes of the reader's shape, by the
/// resolution rules of issue 15 §3: lossless numeric promotions, <c>T</c> to <c>T?</c>, <c>T?</c> to <c>T</c>
/// when the value is present, lists, arrays and sets of convertible elements into each other, dictionaries
/// of convertible keys and values, <c>string</c> to and from enums by member name, enums by member name
/// (never by number), <c>[MemoryPackable]</c> objects member by member by name. Built once per pair of
/// shapes (<see cref="Build"/>); a pair no rule covers has no converter, and the reason says why.
/// </summary>
internal abstract class ShapeConverter
{
    /// <summary>Converts one value from <paramref name="source"/> to <paramref name="target"/>; a value no rule accepts is a <see cref="SchemaConversionException"/>.</summary>
    public abstract void Convert(ref SchemaBodyReader source, ArrayBufferWriter<byte> target, int depth);

    /// <summary>
    /// The converter from <paramref name="from"/> (a shape of <paramref name="writer"/>) to <paramref name="to"/>
    /// (a shape of <paramref name="reader"/>), or <see langword="null"/> with the <paramref name="reason"/>.
    /// </summary>
    public static ShapeConverter? Build(SchemaDocument writer, SchemaShape from, SchemaDocument reader, SchemaShape to, out string reason)
        => new Builder(writer, reader).Build(from, to, 0, out reason);

    /// <summary>Whether values of the two shapes have the same bytes and meaning (names of enums and objects aside).</summary>
    public static bool AreEqual(SchemaDocument writer, SchemaShape from, SchemaDocument reader, SchemaShape to)
        => Equal(writer, from, reader, to, [], 0);

    private static bool Equal(SchemaDocument writer, SchemaShape from, SchemaDocument reader, SchemaShape to, HashSet<(string, string)> assumed, int depth)
    {
        if (depth > SchemaWalker.MaxDepth || from.Kind != to.Kind)
        {
            return false;
        }

        switch (from.Kind)
        {
            case SchemaShapeKind.Scalar:
                return from.Scalar == to.Scalar;
            case SchemaShapeKind.String:
            case SchemaShapeKind.Reference: // the same bytes whatever the declared tag; the loaded object's type is checked when it resolves
                return true;
            case SchemaShapeKind.Opaque:
                return from.Name == to.Name;
            case SchemaShapeKind.Nullable or SchemaShapeKind.List or SchemaShapeKind.Array or SchemaShapeKind.Set:
                return from.Kind == to.Kind && Equal(writer, from.Element!, reader, to.Element!, assumed, depth + 1);
            case SchemaShapeKind.Dictionary:
                return Equal(writer, from.Element!, reader, to.Element!, assumed, depth + 1) && Equal(writer, from.Value!, reader, to.Value!, assumed, depth + 1);
            case SchemaShapeKind.Enum:
                var we = writer.GetEnum(from.Name!);
                var re = reader.GetEnum(to.Name!);
                return we.Underlying == re.Underlying && we.Values.Count == re.Values.Count
                    && we.Values.Zip(re.Values).All(pair => pair.First == pair.Second);
            default:
                var wo = writer.GetObject(from.Name!);
                var ro = reader.GetObject(to.Name!);
                if (!assumed.Add((wo.Name, ro.Name)))
                {
                    return true; // a recursive type: equal if the rest is
                }

                return wo.Mode == ro.Mode && wo.IsStruct == ro.IsStruct && wo.Members.Count == ro.Members.Count
                    && wo.Members.Zip(ro.Members).All(pair => pair.First.Name == pair.Second.Name
                        && Equal(writer, pair.First.Shape, reader, pair.Second.Shape, assumed, depth + 1));
        }
    }

    private static void CheckDepth(int depth, in SchemaBodyReader source)
    {
        if (depth > source.MaxDepth)
        {
            throw NestingDepth.Exceeded(source.MaxDepth);
        }
    }

    private static void WriteZeros(ArrayBufferWriter<byte> target, int count)
    {
        if (count > 0)
        {
            target.GetSpan(count)[..count].Clear();
            target.Advance(count);
        }
    }

    private static void WriteInt32(ArrayBufferWriter<byte> target, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(target.GetSpan(4), value);
        target.Advance(4);
    }

    private static void WriteString(ArrayBufferWriter<byte> target, string value)
    {
        // MemoryPack's UTF-8 form: ~(UTF-8 length), the UTF-16 length, the bytes; "" is the header 0.
        if (value.Length == 0)
        {
            WriteInt32(target, 0);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt32(target, ~length);
        WriteInt32(target, value.Length);
        Encoding.UTF8.GetBytes(value, target.GetSpan(length));
        target.Advance(length);
    }

    /// <summary>The bytes of a value of <paramref name="shape"/> that reads as its default: 0, null, empty; false when there are none (an opaque type).</summary>
    private static bool WriteDefault(SchemaDocument document, SchemaShape shape, ArrayBufferWriter<byte> target)
    {
        var size = SchemaWalker.UnmanagedSize(document, shape, out _);
        if (size >= 0)
        {
            WriteZeros(target, size);
            return true;
        }

        switch (shape.Kind)
        {
            case SchemaShapeKind.String or SchemaShapeKind.List or SchemaShapeKind.Array or SchemaShapeKind.Set or SchemaShapeKind.Dictionary:
            case SchemaShapeKind.Scalar: // biginteger (an empty array reads as 0) and uri (a null string)
                WriteInt32(target, -1);
                return true;
            case SchemaShapeKind.Reference or SchemaShapeKind.Nullable:
                target.GetSpan(1)[0] = 255;
                target.Advance(1);
                return true;
            case SchemaShapeKind.Object:
                var type = document.GetObject(shape.Name!);
                target.GetSpan(1)[0] = type.IsStruct ? (byte)0 : (byte)255; // a struct of no members read: its defaults
                target.Advance(1);
                return type.Mode == SchemaObjectMode.Default;
            default:
                return false;
        }
    }

    // Remembers a converted element or key of a set or dictionary at index; the index of an earlier one of the same bytes, or null.
    private static int? Repeats(Dictionary<string, int> seen, ReadOnlySpan<byte> value, int index)
    {
        var text = System.Convert.ToBase64String(value);
        return seen.TryAdd(text, index) ? null : seen[text];
    }

    private sealed class Builder(SchemaDocument writer, SchemaDocument reader)
    {
        private readonly Dictionary<(string, string), ObjectConverter> _objects = [];

        public ShapeConverter? Build(SchemaShape from, SchemaShape to, int depth, out string reason)
        {
            reason = "";
            if (depth > SchemaWalker.MaxDepth)
            {
                reason = $"shapes nest more than {SchemaWalker.MaxDepth} deep";
                return null;
            }

            if (Equal(writer, from, reader, to, [], depth))
            {
                return from.Kind == SchemaShapeKind.Opaque || SchemaWalker.IsDecodable(writer, from)
                    ? new CopyConverter(writer, from)
                    : Fail($"{from} cannot be read without its type", out reason);
            }

            switch (from.Kind, to.Kind)
            {
                case (SchemaShapeKind.Scalar, SchemaShapeKind.Scalar):
                    return NumericConverter.Accepts(from.Scalar, to.Scalar)
                        ? new NumericConverter(from.Scalar, to.Scalar)
                        : Fail($"{from} does not convert to {to} without loss (numbers widen: int32 to int64, float32 or float64 or decimal, float32 to float64, unsigned to a wider signed type)", out reason);
                case (SchemaShapeKind.Nullable, SchemaShapeKind.Nullable):
                case (_, SchemaShapeKind.Nullable):
                case (SchemaShapeKind.Nullable, _):
                    return NullableConverter(from, to, depth, out reason);
                case (SchemaShapeKind.Enum, SchemaShapeKind.Enum):
                case (SchemaShapeKind.String, SchemaShapeKind.Enum):
                case (SchemaShapeKind.Enum, SchemaShapeKind.String):
                    return new EnumConverter(
                        from.Kind == SchemaShapeKind.Enum ? writer.GetEnum(from.Name!) : null,
                        to.Kind == SchemaShapeKind.Enum ? reader.GetEnum(to.Name!) : null);
                case (SchemaShapeKind.List or SchemaShapeKind.Array or SchemaShapeKind.Set, SchemaShapeKind.List or SchemaShapeKind.Array or SchemaShapeKind.Set):
                    var element = Build(from.Element!, to.Element!, depth + 1, out var elementReason);
                    return element is not null
                        ? new CollectionConverter(element, SchemaWalker.UnmanagedSize(writer, from.Element!, out _), to.Kind == SchemaShapeKind.Set)
                        : Fail($"its elements: {elementReason}", out reason);
                case (SchemaShapeKind.Dictionary, SchemaShapeKind.Dictionary):
                    var key = Build(from.Element!, to.Element!, depth + 1, out var keyReason);
                    var value = Build(from.Value!, to.Value!, depth + 1, out var valueReason);
                    return key is null ? Fail($"its keys: {keyReason}", out reason)
                        : value is null ? Fail($"its values: {valueReason}", out reason)
                        : new DictionaryConverter(key, value, PairLayout.Of(writer, from), PairLayout.Of(reader, to));
                case (SchemaShapeKind.Object, SchemaShapeKind.Object):
                    return ObjectConverter(writer.GetObject(from.Name!), reader.GetObject(to.Name!), from, to, depth, out reason);
                default:
                    return Fail($"no rule converts {Describe(from)} to {Describe(to)}", out reason);
            }
        }

        private static string Describe(SchemaShape shape) => shape.Kind switch
        {
            SchemaShapeKind.Opaque => $"{shape} (a type the schema does not describe: only the same type reads it)",
            _ => shape.ToString(),
        };

        private static ShapeConverter? Fail(string why, out string reason)
        {
            reason = why;
            return null;
        }

        private ShapeConverter? NullableConverter(SchemaShape from, SchemaShape to, int depth, out string reason)
        {
            var fromInner = from.Kind == SchemaShapeKind.Nullable ? from.Element! : from;
            var toInner = to.Kind == SchemaShapeKind.Nullable ? to.Element! : to;
            var fromSize = SchemaWalker.UnmanagedSize(writer, from, out _);
            var toSize = SchemaWalker.UnmanagedSize(reader, to, out _);
            if (fromSize < 0 || toSize < 0)
            {
                return Fail($"{from} to {to}: only nullables of scalars, enums and unmanaged structs convert", out reason);
            }

            var inner = Build(fromInner, toInner, depth + 1, out var innerReason);
            if (inner is null)
            {
                return Fail(innerReason, out reason);
            }

            reason = "";
            return new NullableConverter(
                inner,
                from.Kind == SchemaShapeKind.Nullable ? ValueOffset(writer, from) : -1,
                fromSize,
                to.Kind == SchemaShapeKind.Nullable ? ValueOffset(reader, to) : -1,
                toSize,
                SchemaWalker.UnmanagedSize(reader, toInner, out _));
        }

        private static int ValueOffset(SchemaDocument document, SchemaShape nullable)
            => nullable.Element!.Kind == SchemaShapeKind.Scalar
                ? ScalarLayout.NullableValueOffset(nullable.Element.Scalar)
                : SchemaWalker.UnmanagedSize(document, nullable, out _) - SchemaWalker.UnmanagedSize(document, nullable.Element, out _);

        private ShapeConverter? ObjectConverter(SchemaObjectType from, SchemaObjectType to, SchemaShape fromShape, SchemaShape toShape, int depth, out string reason)
        {
            reason = "";
            if (from.Mode != SchemaObjectMode.Default || to.Mode != SchemaObjectMode.Default)
            {
                return Fail($"'{(from.Mode != SchemaObjectMode.Default ? from.Name : to.Name)}' is in MemoryPack's {(from.Mode != SchemaObjectMode.Default ? from.Mode : to.Mode)} mode, which only reads itself unchanged", out reason);
            }

            if (SchemaWalker.UnmanagedSize(writer, fromShape, out _) >= 0 || SchemaWalker.UnmanagedSize(reader, toShape, out _) >= 0)
            {
                return Fail($"'{to.Name}' is an unmanaged struct, which MemoryPack writes as raw memory: its members cannot change", out reason);
            }

            if (from.IsStruct != to.IsStruct)
            {
                return Fail($"'{from.Name}' and '{to.Name}' are not both classes or both structs", out reason);
            }

            if (_objects.TryGetValue((from.Name, to.Name), out var known))
            {
                return known;
            }

            var converter = new ObjectConverter(from, to);
            _objects[(from.Name, to.Name)] = converter; // before its members, which may hold the same type
            var sources = new int[to.Members.Count];
            var members = new ShapeConverter?[to.Members.Count];
            for (var i = 0; i < to.Members.Count; i++)
            {
                var target = to.Members[i];
                sources[i] = -1;
                for (var j = 0; j < from.Members.Count; j++)
                {
                    if (from.Members[j].Name == target.Name)
                    {
                        sources[i] = j;
                        members[i] = Build(from.Members[j].Shape, target.Shape, depth + 1, out var memberReason);
                        if (members[i] is null)
                        {
                            _objects.Remove((from.Name, to.Name));
                            return Fail($"member '{target.Name}' of '{to.Name}': {from.Members[j].Shape} to {target.Shape}: {memberReason}", out reason);
                        }

                        break;
                    }
                }

                if (sources[i] < 0 && !WriteDefault(reader, target.Shape, new ArrayBufferWriter<byte>()))
                {
                    _objects.Remove((from.Name, to.Name));
                    return Fail($"member '{target.Name}' of '{to.Name}' is new and of a type without a known default ({target.Shape})", out reason);
                }
            }

            var skips = new ShapeConverter[from.Members.Count];
            for (var j = 0; j < from.Members.Count; j++)
            {
                skips[j] = new CopyConverter(writer, from.Members[j].Shape);
            }

            converter.Complete(reader, sources, members, skips);
            return converter;
        }
    }

    /// <summary>Copies a value whose shape did not change.</summary>
    private sealed class CopyConverter(SchemaDocument document, SchemaShape shape) : ShapeConverter
    {
        public override void Convert(ref SchemaBodyReader source, ArrayBufferWriter<byte> target, int depth)
        {
            var start = source.Position;
            if (shape.Kind == SchemaShapeKind.Opaque)
            {
                // Only a whole member is opaque (its frame bounds it): copy the rest.
                source.Take(source.Remaining, shape.ToString());
            }
            else
            {
                SchemaWalker.Value(ref source, document, shape, null, depth);
            }

            target.Write(source.Since(start));
        }
    }

    /// <summary>A number into a type that holds every value of its type (or, into a floating-point type, this value exactly).</summary>
    private sealed class NumericConverter(SchemaScalar from, SchemaScalar to) : ShapeConverter
    {
        // 2^127, which Int128.MaxValue rounds to: converting it back saturates to Int128.MaxValue, which would compare equal.
        private const double TwoTo127 = 1.7014118346046923E+38;

        public static bool Accepts(SchemaScalar from, SchemaScalar to)
            => ResolutionRules.IsNumericPromotion(SchemaShape.NameOf(from), SchemaShape.NameOf(to));

        public override void Convert(ref SchemaBodyReader source, ArrayBufferWriter<byte> target, int depth)
        {
            var bytes = source.Take(ScalarLayout.Size(from), $"a value of {SchemaShape.NameOf(from)}");
            var output = target.GetSpan(ScalarLayout.Size(to))[..ScalarLayout.Size(to)];
            if (from is SchemaScalar.Float16 or SchemaScalar.Float32)
            {
                var value = from == SchemaScalar.Float16 ? (double)BinaryPrimitives.ReadHalfLittleEndian(bytes) : BinaryPrimitives.ReadSingleLittleEndian(bytes);
                if (to == SchemaScalar.Float32)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(output, (float)value);
                }
                else
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(output, value);
                }
            }
            else
            {
                var integer = from switch
                {
                    SchemaScalar.Int128 => BinaryPrimitives.ReadInt128LittleEndian(bytes),
                    SchemaScalar.UInt128 => (Int128)BinaryPrimitives.ReadUInt128LittleEndian(bytes), // only to float or decimal, checked
                    SchemaScalar.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(bytes),
                    _ => (Int128)SchemaWalker.ReadInteger(bytes, from),
                };
                if (from == SchemaScalar.UInt128 && BinaryPrimitives.ReadUInt128LittleEndian(bytes) > (UInt128)Int128.MaxValue)
                {
                    throw new SchemaConversionException($"the value {BinaryPrimitives.ReadUInt128LittleEndian(bytes)} does not fit {SchemaShape.NameOf(to)} exactly");
                }

                WriteInteger(integer, output);
            }

            target.Advance(output.Length);
        }

        private void WriteInteger(Int128 value, Span<byte> output)
        {
            switch (to)
            {
                case SchemaScalar.Float32:
                    var single = (float)value;
                    Exact(single < TwoTo127 && (Int128)single == value, value);
                    BinaryPrimitives.WriteSingleLittleEndian(output, single);
                    break;
                case SchemaScalar.Float64:
                    var dbl = (double)value;
                    Exact(dbl < TwoTo127 && (Int128)dbl == value, value);
                    BinaryPrimitives.WriteDoubleLittleEndian(output, dbl);
                    break;
                case SchemaScalar.Decimal:
                    Exact(value <= (Int128)decimal.MaxValue && value >= (Int128)decimal.MinValue, value);
                    var d = (decimal)value;
                    var bits = decimal.GetBits(d);
                    BinaryPrimitives.WriteInt32LittleEndian(output, bits[3]);
                    BinaryPrimitives.WriteInt32LittleEndian(output[4..], bits[2]);
                    BinaryPrimitives.WriteUInt64LittleEndian(output[8..], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
                    break;
                case SchemaScalar.Int16 or SchemaScalar.UInt16:
                    BinaryPrimitives.WriteUInt16LittleEndian(output, unchecked((ushort)value));
                    break;
                case SchemaScalar.Int32 or SchemaScalar.UInt32:
                    BinaryPrimitives.WriteUInt32LittleEndian(output, unchecked((uint)value));
                    break;
                case SchemaScalar.Int64 or SchemaScalar.UInt64:
                    BinaryPrimitives.WriteUInt64LittleEndian(output, unchecked((ulong)value));
                    break;
                default:
                    BinaryPrimitives.WriteInt128LittleEndian(output, value);
                    break;
            }
        }

        private void Exact(bool exact, Int128 value)
        {
            if (!exact)
            {
                throw new SchemaConversionException($"the value {value} does not convert to {SchemaShape.NameOf(to)} exactly");
            }
        }
    }

    /// <summary><c>T?</c> to <c>U?</c>, <c>T</c> to <c>U?</c>, <c>T?</c> to <c>U</c> (when present) of fixed-size values.</summary>
    private sealed class NullableConverter(ShapeConverter inner, int fromValueAt, int fromSize, int toValueAt, int toSize, int toInnerSize) : ShapeConverter
    {
        public override void Convert(ref SchemaBodyReader source, ArrayBufferWriter<byte> target, int depth)
        {
            var bytes = source.Take(fromSize, "a nullable value");
            if (fromValueAt >= 0)
            {
                if (bytes[0] > 1)
                {
                    throw new InvalidDataException($"a nullable value has the HasValue byte {bytes[0]}, neither 0 nor 1");
                }

                if (bytes[0] == 0)
                {
                    if (toValueAt < 0)
                    {
                        throw new SchemaConversionException("the record holds null, and the member is no longer nullable");
                    }

                    WriteZeros(target, toSize);
                    return;
                }

                bytes = bytes[fromValueAt..];
            }

            var value = new SchemaBodyReader(bytes, source.MaxDepth);
            var converted = new ArrayBufferWriter<byte>(toInnerSize);
            inner.Convert(ref value, converted, depth + 1);
            source.DropAll(value.Dropped);
            if (converted.WrittenCount != toInnerSize)
            {
                throw new InvalidDataException($"a converted value took {converted.WrittenCount} bytes instead of {toInnerSize}");
            }

            if (toValueAt < 0)
            {
                target.Write(converted.WrittenSpan);
                return;
            }

            var output = target.GetSpan(toSize)[..toSize];
            output.Clear();
            output[0] = 1;
            converted.WrittenSpan.CopyTo(output[toValueAt..]);
            target.Advance(toSize);
        }
    }

    /// <summary>
    /// Enums by member name, and strings to and from enums. A number no member names (an undefined value, or the
    /// bits of a flags value no member names) has no name to follow: it keeps its number, as its text for a string.
    /// </summary>
    private sealed class EnumConverter(SchemaEnumType? from, SchemaEnumType? to) : ShapeConverter
    {
        public override void Convert(ref SchemaBodyReader source, ArrayBufferWriter<byte> target, int depth)
        {
            string name;
            var number = 0L;
            var unnamed = 0L;
            if (from is null)
            {
                name = SchemaWalker.ReadString(ref source) ?? throw new SchemaConversionException("the record holds a null string, which is no member of an enum");
            }
            else
            {
                number = SchemaWalker.ReadInteger(source.Take(ScalarLayout.Size(from.Underlying), $"a {from.Name}"), from.Underlying);
                name = SchemaWalker.EnumName(from, number) ?? NamedPart(from, number, out unnamed);
            }

            if (to is null)
            {
                WriteString(target, unnamed == 0 && name.Length > 0 ? name : NumberText(from!, number)); // as .NET prints such a value: its number
                return;
            }

            var value = unnamed;
            foreach (var part in from is not null && name.Length == 0 ? [] : to.IsFlags ? name.Split(", ") : [name])
            {
                var member = to.Find(part);
                if (member is null && from is null && long.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var text))
                {
                    value |= text; // a number's text: what an enum value no member names became as a string
                    continue;
                }

                if (member is null && to.UnknownValue is not null)
                {
                    // Loaded as the unknown member, the name is lost once the object is saved: a save that writes it says so.
                    member = to.Find(to.UnknownValue);
                    source.Drop($"{to.Name}.{(part.Length > 100 ? part[..100] + "..." : part)}, loaded as {to.UnknownValue}");
                }

                value |= member?.Value ?? throw new SchemaConversionException(
                    $"the record holds {(from is null ? "the string" : from.Name)} '{part}', which {to.Name} does not have. If a newer version of the application wrote the record, update this one; if the member was removed or renamed since, add it back, or mark one member [PersistUnknownEnumValue] to load such values as it");
            }

            var size = ScalarLayout.Size(to.Underlying);
            if (!Fits(value, to.Underlying))
            {
                throw new SchemaConversionException($"the record holds the number {value} of {(from?.Name ?? "a string")}, which no {to.Name} ({SchemaShape.NameOf(to.Underlying)}) holds");
            }

            var output = target.GetSpan(8);
            BinaryPrimitives.WriteInt64LittleEndian(output, value); // little-endian: the low bytes are the value
            target.Advance(size);
        }

        // The names of a number's named flags ("" for none), and the bits no member names.
        private static string NamedPart(SchemaEnumType type, long number, out long unnamed)
        {
            var names = new List<string>();
            unnamed = number;
            if (type.IsFlags)
            {
                foreach (var value in type.Values)
                {
                    if (value.Value != 0 && (unnamed & value.Value) == value.Value)
                    {
                        names.Add(value.Name);
                        unnamed &= ~value.Value;
                    }
                }
            }

            return string.Join(", ", names);
        }

        private static bool Fits(long value, SchemaScalar underlying) => underlying switch
        {
            SchemaScalar.Byte => value is >= byte.MinValue and <= byte.MaxValue,
            SchemaScalar.SByte => value is >= sbyte.MinValue and <= sbyte.MaxValue,
            SchemaScalar.Int16 => value is >= short.MinValue and <= short.MaxValue,
            SchemaScalar.UInt16 => value is >= ushort.MinValue and <= ushort.MaxValue,
            SchemaScalar.Int32 => value is >= int.MinValue and <= int.MaxValue,
            SchemaScalar.UInt32 => value is >= uint.MinValue and <= uint.MaxValue,
            _ => true,
        };

        private static string NumberText(SchemaEnumType type, long number)
            => type.Underlying == SchemaScalar.UInt64 ? unchecked((ulong)number).ToString(CultureInfo.InvariantCulture) : number.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A list, array or set into a list, array or set, element by element. Into a set (<paramref name="intoSet"/>),
    /// equal elements fail: the set would keep one of them and lose the others (a list's equal elements, or a set's
    /// that became equal, such as two enum names the enum lost, both loading as its <c>[PersistUnknownEnumValue]</c> member).
    /// </summary>
    private sealed class CollectionConverter(ShapeConverter element, int elementSize, bool intoSet) : ShapeConverter
    {
        public override void Convert(ref SchemaBodyReader source, ArrayBufferWriter<byte> target, int depth)
        {
            CheckDepth(depth, source);
            var count = source.ReadCount(Math.Max(elementSize, 1), "a collection");
            WriteInt32(target, count);
            // Each element by its converted bytes: equal bytes are equal values (not the reverse for 0.0 and -0.0, 1.0m and 1.00m: those are not caught).
            var seen = intoSet ? new Dictionary<string, int>(StringComparer.Ordinal) : null;
            for (var i = 0; i < count; i++)
            {
                var start = target.WrittenCount;
                element.Convert(ref source, target, depth + 1);
                if (seen is not null && Repeats(seen, target.WrittenSpan[start..], i) is { } first)
                {
                    throw new SchemaConversionException($"its elements {first} and {i} (counted from 0) are equal, and a set keeps one of them");
                }
            }
        }
    }

    /// <summary>A dictionary, key by key and value by value; two keys that became equal fail (the dictionary could not hold both).</summary>
    private sealed class DictionaryConverter(ShapeConverter key, ShapeConverter value, PairLayout from, PairLayout to) : ShapeConverter
    {
        public override void Convert(ref SchemaBodyReader source, ArrayBufferWriter<byte> target, int depth)
        {
            CheckDepth(depth, source);
            var count = source.ReadCount(from.IsRaw ? from.Size : 2, "a dictionary");
            WriteInt32(target, count);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var start = target.WrittenCount;
                if (from.IsRaw)
                {
                    var pair = source.Take(from.Size, "a dictionary entry");
                    var k = new SchemaBodyReader(pair[..from.KeySize], source.MaxDepth);
                    key.Convert(ref k, target, depth + 1);
                    source.DropAll(k.Dropped);
                    CheckKey(seen, target.WrittenSpan[start..], i);
                    WriteZeros(target, to.IsRaw ? to.ValueAt - (target.WrittenCount - start) : 0);
                    var v = new SchemaBodyReader(pair.Slice(from.ValueAt, from.ValueSize), source.MaxDepth);
                    value.Convert(ref v, target, depth + 1);
                    source.DropAll(v.Dropped);
                }
                else
                {
                    key.Convert(ref source, target, depth + 1);
                    CheckKey(seen, target.WrittenSpan[start..], i);
                    WriteZeros(target, to.IsRaw ? to.ValueAt - (target.WrittenCount - start) : 0);
                    value.Convert(ref source, target, depth + 1);
                }

                WriteZeros(target, to.IsRaw ? to.Size - (target.WrittenCount - start) : 0);
            }
        }

        private static void CheckKey(Dictionary<string, int> seen, ReadOnlySpan<byte> key, int index)
        {
            if (Repeats(seen, key, index) is { } first)
            {
                throw new SchemaConversionException($"its keys {first} and {index} (counted from 0) are equal now, and a dictionary holds one value per key");
            }
        }
    }

    /// <summary>A <c>[MemoryPackable]</c> object (MemoryPack's default layout) member by member by name.</summary>
    private sealed class ObjectConverter(SchemaObjectType from, SchemaObjectType to) : ShapeConverter
    {
        private SchemaDocument _reader = null!;
        private int[] _sources = [];
        private ShapeConverter?[] _members = [];
        private ShapeConverter[] _skips = [];

        public void Complete(SchemaDocument reader, int[] sources, ShapeConverter?[] members, ShapeConverter[] skips)
        {
            _reader = reader;
            _sources = sources;
            _members = members;
            _skips = skips;
        }

        public override void Convert(ref SchemaBodyReader source, ArrayBufferWriter<byte> target, int depth)
        {
            CheckDepth(depth, source);
            var count = source.ReadByte($"a '{from.Name}'");
            if (count == 255 && !from.IsStruct)
            {
                target.GetSpan(1)[0] = 255;
                target.Advance(1);
                return;
            }

            if (count > from.Members.Count)
            {
                throw new InvalidDataException($"a '{from.Name}' claims {count} members, but its type had {from.Members.Count}");
            }

            // The writer's members, each read once in its order, then written in the reader's order.
            var values = new ArrayBufferWriter<byte>?[from.Members.Count];
            for (var j = 0; j < count; j++)
            {
                var reader = Array.IndexOf(_sources, j);
                var output = new ArrayBufferWriter<byte>();
                (reader >= 0 ? _members[reader]! : _skips[j]).Convert(ref source, output, depth + 1);
                values[j] = reader >= 0 ? output : null;
                if (reader < 0)
                {
                    source.Drop($"{from.Name}.{from.Members[j].Name}");
                }
            }

            target.GetSpan(1)[0] = checked((byte)to.Members.Count);
            target.Advance(1);
            for (var i = 0; i < to.Members.Count; i++)
            {
                if (_sources[i] >= 0 && values[_sources[i]] is { } value)
                {
                    target.Write(value.WrittenSpan);
                }
                else
                {
                    WriteDefault(_reader, to.Members[i].Shape, target);
                }
            }
        }
    }

    /// <summary>How a dictionary lays out its entries: key then value, or, both unmanaged, one raw <c>KeyValuePair</c>.</summary>
    private readonly record struct PairLayout(bool IsRaw, int KeySize, int ValueAt, int ValueSize, int Size)
    {
        public static PairLayout Of(SchemaDocument document, SchemaShape dictionary)
        {
            var keySize = SchemaWalker.UnmanagedSize(document, dictionary.Element!, out var keyAlign);
            var valueSize = SchemaWalker.UnmanagedSize(document, dictionary.Value!, out var valueAlign);
            if (keySize < 0 || valueSize < 0)
            {
                return default;
            }

            var valueAt = (keySize + valueAlign - 1) / valueAlign * valueAlign;
            var align = Math.Max(keyAlign, valueAlign);
            return new PairLayout(true, keySize, valueAt, valueSize, (valueAt + valueSize + align - 1) / align * align);
        }
    }
}
