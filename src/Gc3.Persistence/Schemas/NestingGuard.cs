using System.Buffers.Binary;
using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Schemas;

/// <summary>
/// Checks the members of a record that hold <c>[MemoryPackable]</c> objects before MemoryPack decodes them
/// (issue 14 §2). MemoryPack's generated code for such a type nests by direct recursion (a self-referencing
/// type 100,000 deep ends the process with a stack overflow) and reads its strings with MemoryPack's unchecked
/// <c>ReadString</c> (a header of <c>int.MinValue</c> reads past the record), and offers no hook to count the
/// depth or check a length. So each such member's bytes are first walked by the type's schema document
/// (<see cref="SchemaWalker"/>): every length and count checked against the bytes that remain, values nesting at
/// most <see cref="StoreOptions.MaxNestingDepth"/> deep. A member that passes has exactly the structure MemoryPack
/// then reads, which the walk bounded.
/// <para>
/// Which members to check is decided once per serializer, from its document: those whose shape reaches an object
/// that is not an unmanaged struct (MemoryPack copies those as raw bytes of a fixed size). A type without such
/// members (the common case) costs one field read per record. Members the walker cannot read (an <c>opaque</c>
/// shape: a custom formatter or a generic <c>[MemoryPackable]</c> type; an object in MemoryPack's version-tolerant,
/// circular or union mode) are not checked: docs/record-format.md states that limit, and the build warns at each
/// such member (GC3P026).
/// </para>
/// </summary>
internal sealed class NestingGuard
{
    private static readonly NestingGuard Empty = new(null, []);
    private readonly Dictionary<uint, SchemaMember> _members;

    private NestingGuard(SchemaDocument? document, Dictionary<uint, SchemaMember> members)
    {
        Document = document;
        _members = members;
    }

    /// <summary>
    /// Whether loads walk members before MemoryPack decodes them (on). Off only to measure what the walk costs,
    /// as the benchmark's twin subjects do for the schema check; never meant for an application.
    /// </summary>
    internal static bool Enabled { get; set; } = true;

    /// <summary>The reader's schema document the members are walked by.</summary>
    public SchemaDocument? Document { get; }

    /// <summary>The members checked, by key.</summary>
    public IReadOnlyCollection<SchemaMember> Members => _members.Values;

    /// <summary>The guard of <paramref name="serializer"/>'s records, or <see langword="null"/> when they hold nothing to check.</summary>
    public static NestingGuard? Of(PersistableSerializer serializer)
    {
        var guard = serializer.NestingGuard ??= Build(serializer);
        return guard._members.Count == 0 || !Enabled ? null : guard;
    }

    /// <summary>Whether a value of <paramref name="shape"/> holds an object MemoryPack's generated code decodes (not an unmanaged struct).</summary>
    public static bool HoldsObjects(SchemaDocument document, SchemaShape shape) => HoldsObjects(document, shape, 0);

    /// <summary>
    /// Walks every checked member of <paramref name="body"/> (a record body in the reader's layout) and returns the
    /// first that does not decode, with the reason (<see cref="NestingDepth.IsExceeded"/> when it nests too deep);
    /// <see langword="null"/> when all do. The body's framing is not judged here: the walk stops where it breaks,
    /// and the reader that follows finds the same fault before it decodes a member past it.
    /// </summary>
    public SchemaMember? FindFault(ReadOnlySpan<byte> body, int maxDepth, out InvalidDataException? fault)
    {
        fault = null;
        if (body.Length < 4)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(body);
        if (count < 0 || count > (body.Length - 4) / 8)
        {
            return null;
        }

        var at = 4;
        for (var i = 0; i < count; i++)
        {
            if (body.Length - at < 8)
            {
                return null;
            }

            var key = BinaryPrimitives.ReadUInt32LittleEndian(body[at..]);
            var length = BinaryPrimitives.ReadInt32LittleEndian(body[(at + 4)..]);
            at += 8;
            if (length < 0 || length > body.Length - at)
            {
                return null;
            }

            if (_members.TryGetValue(key, out var member) && Walk(body.Slice(at, length), member, maxDepth) is { } error)
            {
                fault = error;
                return member;
            }

            at += length;
        }

        return null;
    }

    private InvalidDataException? Walk(ReadOnlySpan<byte> bytes, SchemaMember member, int maxDepth)
    {
        var value = new SchemaBodyReader(bytes, maxDepth);
        try
        {
            SchemaWalker.Value(ref value, Document!, member.Shape, null, 0);
            return null;
        }
        catch (InvalidDataException e)
        {
            return e;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or KeyNotFoundException)
        {
            return new InvalidDataException(e.Message, e);
        }
    }

    private static NestingGuard Build(PersistableSerializer serializer)
    {
        var document = SchemaResolution.ReaderDocument(serializer);
        if (document is null)
        {
            return Empty;
        }

        var members = new Dictionary<uint, SchemaMember>();
        foreach (var member in document.Members)
        {
            if (HoldsObjects(document, member.Shape) && SchemaWalker.IsDecodable(document, member.Shape))
            {
                members[member.Key] = member;
            }
        }

        return members.Count == 0 ? Empty : new NestingGuard(document, members);
    }

    private static bool HoldsObjects(SchemaDocument document, SchemaShape shape, int depth)
        => depth <= SchemaShape.MaxNesting && shape.Kind switch
        {
            SchemaShapeKind.Object => SchemaWalker.UnmanagedSize(document, shape, out _) < 0,
            SchemaShapeKind.Nullable or SchemaShapeKind.List or SchemaShapeKind.Array or SchemaShapeKind.Set => HoldsObjects(document, shape.Element!, depth + 1),
            SchemaShapeKind.Dictionary => HoldsObjects(document, shape.Element!, depth + 1) || HoldsObjects(document, shape.Value!, depth + 1),
            _ => false,
        };
}
