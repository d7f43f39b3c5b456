using System;
using System.Collections.Generic;
using System.Linq;

namespace Gc3.Persistence.Generators.Schemas;

/// <summary>
/// Which member type changes old records survive (issue 15 §3), on shapes: the table the schema lock's
/// GC3P020 applies. Numeric promotions that lose nothing, <c>T</c> to and from <c>T?</c>, lists, arrays and
/// sets of resolvable elements into each other, dictionaries of resolvable keys and values, <c>string</c> to
/// and from an enum, enums by member name, references to the same tag, <c>[MemoryPackable]</c> objects whose
/// members (by position, as MemoryPack writes them) resolve, more at the end allowed; an opaque shape only to itself.
/// </summary>
internal static class ShapeRules
{
    // The wider types each scalar is read as without losing a value.
    private static readonly Dictionary<string, string[]> Promotions = new(StringComparer.Ordinal)
    {
        ["sbyte"] = ["int16", "int32", "int64", "int128", "float32", "float64", "decimal"],
        ["byte"] = ["int16", "uint16", "int32", "uint32", "int64", "uint64", "int128", "uint128", "float32", "float64", "decimal"],
        ["int16"] = ["int32", "int64", "int128", "float32", "float64", "decimal"],
        ["uint16"] = ["int32", "uint32", "int64", "uint64", "int128", "uint128", "float32", "float64", "decimal"],
        ["int32"] = ["int64", "int128", "float32", "float64", "decimal"],
        ["uint32"] = ["int64", "uint64", "int128", "uint128", "float64", "decimal"],
        ["int64"] = ["int128", "decimal"],
        ["uint64"] = ["int128", "uint128", "decimal"],
        ["float16"] = ["float32", "float64"],
        ["float32"] = ["float64"],
    };

    private static readonly HashSet<string> Collections = new(StringComparer.Ordinal) { "list", "array", "set" };

    /// <summary>Whether a scalar written as <paramref name="writer"/> is read as <paramref name="reader"/> without loss.</summary>
    public static bool IsPromotion(string writer, string reader)
        => Promotions.TryGetValue(writer, out var wider) && wider.Contains(reader, StringComparer.Ordinal);

    /// <summary>
    /// Whether a value of shape <paramref name="writer"/> (in <paramref name="writerSchema"/>) is read as
    /// <paramref name="reader"/> (in <paramref name="readerSchema"/>); every pair of enums met on the way is added to
    /// <paramref name="enums"/> (writer's name, reader's name), for the check of their members by name.
    /// </summary>
    public static bool Resolves(string writer, string reader, SchemaModel writerSchema, SchemaModel readerSchema, ICollection<(string Writer, string Reader)> enums)
        => Resolves(Shape.Parse(writer), Shape.Parse(reader), writerSchema, readerSchema, enums, new HashSet<string>(StringComparer.Ordinal));

    private static bool Resolves(Shape writer, Shape reader, SchemaModel writerSchema, SchemaModel readerSchema, ICollection<(string Writer, string Reader)> enums, HashSet<string> objects)
    {
        if (reader.Kind == "nullable")
        {
            return Resolves(writer, reader.Arguments[0], writerSchema, readerSchema, enums, objects);
        }

        if (writer.Kind == "nullable")
        {
            return Resolves(writer.Arguments[0], reader, writerSchema, readerSchema, enums, objects); // null is a load error
        }

        switch (writer.Kind, reader.Kind)
        {
            case ("enum", "enum"):
                enums.Add((writer.Name!, reader.Name!));
                return true;
            case ("string", "enum") or ("enum", "string"):
                return true;
            case ("ref", "ref") or ("opaque", "opaque"):
                return writer.Name == reader.Name;
            case ("dict", "dict"):
                return Resolves(writer.Arguments[0], reader.Arguments[0], writerSchema, readerSchema, enums, objects)
                    && Resolves(writer.Arguments[1], reader.Arguments[1], writerSchema, readerSchema, enums, objects);
            case ("object", "object"):
                return ObjectResolves(writer.Name!, reader.Name!, writerSchema, readerSchema, enums, objects);
        }

        if (Collections.Contains(writer.Kind) && Collections.Contains(reader.Kind))
        {
            return Resolves(writer.Arguments[0], reader.Arguments[0], writerSchema, readerSchema, enums, objects);
        }

        if (writer.Arguments.Count > 0 || reader.Arguments.Count > 0 || writer.Name is not null || reader.Name is not null)
        {
            return false;
        }

        return writer.Kind == reader.Kind || IsPromotion(writer.Kind, reader.Kind);
    }

    private static bool ObjectResolves(string writerName, string readerName, SchemaModel writerSchema, SchemaModel readerSchema, ICollection<(string Writer, string Reader)> enums, HashSet<string> objects)
    {
        if (!objects.Add(writerName + "\n" + readerName))
        {
            return true; // met again inside itself: decided where it was first met
        }

        if (!writerSchema.Types.TryGetValue(writerName, out var writer) || !readerSchema.Types.TryGetValue(readerName, out var reader))
        {
            return writerName == readerName;
        }

        if (writer.Mode != "default" || reader.Mode != "default")
        {
            // Opaque to decoders: only the very same members read back.
            return writer.Mode == reader.Mode && writer.Names.SequenceEqual(reader.Names) && writer.Shapes.SequenceEqual(reader.Shapes);
        }

        if (writer.Shapes.Count > reader.Shapes.Count)
        {
            return false; // MemoryPack's members are positional: removing one shifts the rest
        }

        for (var i = 0; i < writer.Shapes.Count; i++)
        {
            if (!Resolves(Shape.Parse(writer.Shapes[i]), Shape.Parse(reader.Shapes[i]), writerSchema, readerSchema, enums, objects))
            {
                return false;
            }
        }

        return true;
    }
}
