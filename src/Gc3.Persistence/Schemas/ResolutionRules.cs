// The resolution rules of issue 15 §3, in C# the generator's netstandard2.0 compiles too (no spans, ranges or
// newer APIs): the runtime's load (ResolutionPlan, ShapeConverter) and the schema lock's analyzer link this one
// file (with RuleShape, RuleType and RuleSchema), so a change the lock accepts is one the load resolves.
#nullable enable
using System;
using System.Collections.Generic;

namespace Gc3.Persistence.Schemas;

/// <summary>
/// Which changes of a member's shape old records survive (issue 15 §3): the one table both the load and the
/// schema lock apply. <see cref="Check"/> gives the verdict for a (writer shape, reader shape) pair.
/// </summary>
internal static class ResolutionRules
{
    /// <summary>How deeply shapes may nest before a pair is refused (as values nest at most this deep).</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Whether a member written as <paramref name="from"/> (a shape of <paramref name="writer"/>) loads as
    /// <paramref name="to"/> (of <paramref name="reader"/>): <see langword="null"/> when it does, else the reason.
    /// Every pair of enums converted by name is added to <paramref name="enums"/> (writer's name, reader's name):
    /// their values load while the stored names are members (<see cref="EnumNamesResolve"/>), checked per value;
    /// every pair of reference tags that differ is added to <paramref name="references"/>: their bytes read, but a
    /// stored reference to an object the member's type no longer accepts fails when it loads.
    /// </summary>
    /// <remarks>
    /// The rules: shapes of the same bytes and meaning copy (for an opaque type, the enums it holds keep their
    /// numbers, <see cref="Renumbering"/>); numbers widen without loss (<see cref="IsNumericPromotion"/>);
    /// <c>T</c> to <c>nullable&lt;U&gt;</c> and back (a stored null fails) where both are fixed-size (scalars,
    /// enums, unmanaged structs) and <c>T</c> converts to <c>U</c>; lists, arrays and sets into each other where
    /// the elements convert; dictionaries where keys and values convert; <c>string</c> to and from an enum and
    /// enums into enums, by member name; <c>[MemoryPackable]</c> objects of MemoryPack's default layout member by
    /// member by name (both classes or both structs, not unmanaged; an added member needs a default, a removed
    /// one must be skippable); references whatever their tag (the loaded object's type is checked when it loads).
    /// Objects of other modes and opaque types only into themselves, unchanged.
    /// </remarks>
    public static string? Check(string from, string to, RuleSchema writer, RuleSchema reader, ICollection<KeyValuePair<string, string>>? enums, ICollection<KeyValuePair<string, string>>? references = null)
        => new Checker(writer, reader, enums, references).Check(RuleShape.Parse(from), RuleShape.Parse(to), false, 0);

    /// <summary>
    /// Whether the enums stored by number inside the opaque type <paramref name="opaque"/> are numbered differently
    /// by <paramref name="reader"/> than by <paramref name="writer"/>: a member gone, or a member whose number
    /// changed (or the underlying type), so a stored number would silently mean another member. False when the
    /// writer's document does not say which enums the type holds (written before it did).
    /// </summary>
    public static bool Renumbering(string opaque, RuleSchema writer, RuleSchema reader, out string enumName, out string change)
    {
        enumName = "";
        change = "";
        if (!writer.Opaque.TryGetValue(opaque, out var held))
        {
            return false;
        }

        foreach (var name in held)
        {
            if (writer.Find(name) is not { IsEnum: true } before || reader.Find(name) is not { IsEnum: true } after)
            {
                continue; // the type no longer holds it: its layout changed, which its name does not show
            }

            var changes = new List<string>();
            if (before.Mode != after.Mode)
            {
                changes.Add($"its underlying type was {before.Mode} and is {after.Mode} now");
            }

            for (var i = 0; i < before.Names.Count; i++)
            {
                var at = after.Names.IndexOf(before.Names[i]);
                if (at < 0)
                {
                    changes.Add($"'{before.Names[i]}' ({before.Numbers[i]}) is gone");
                }
                else if (after.Numbers[at] != before.Numbers[i])
                {
                    changes.Add($"'{before.Names[i]}' was {before.Numbers[i]} and is {after.Numbers[at]} now");
                }
            }

            if (changes.Count > 0)
            {
                enumName = name;
                change = string.Join(", ", changes);
                return true;
            }
        }

        return false;
    }

    /// <summary>The reason a renumbered enum inside an opaque type fails, with the way out.</summary>
    public static string RenumberingReason(string opaque, string enumName, string change)
        => $"the enum {enumName} inside {opaque} is stored by number (MemoryPack copies {opaque} as raw memory), and its numbering changed: {change}. "
            + $"Give {enumName}'s members " + RenumberingWayOut;

    /// <summary>How <see cref="RenumberingReason"/> ends: the way out it names, so a message adds no other.</summary>
    public const string RenumberingWayOut = "their old numbers explicitly (Name = number), appending new members after them";

    /// <summary>
    /// Whether a number of the scalar <paramref name="from"/> (a shape name such as <c>int32</c>) converts to
    /// <paramref name="to"/> without loss: a wider integer of the same signedness, a wider signed integer for
    /// an unsigned one, <c>float16</c> to <c>float32</c>/<c>float64</c>, <c>float32</c> to <c>float64</c>, and
    /// any integer to <c>float32</c>, <c>float64</c> or <c>decimal</c>, where each stored value must convert
    /// exactly (checked when a record loads: 2^24 + 1 is no <c>float32</c>).
    /// </summary>
    public static bool IsNumericPromotion(string from, string to)
    {
        var fromBits = IntegerBits(from, out var fromSigned);
        if (fromBits > 0)
        {
            if (to == "float32" || to == "float64" || to == "decimal")
            {
                return true;
            }

            var toBits = IntegerBits(to, out var toSigned);
            return toBits > fromBits && (toSigned || !fromSigned);
        }

        return (from == "float16" && (to == "float32" || to == "float64")) || (from == "float32" && to == "float64");
    }

    /// <summary>
    /// Whether the stored names of an enum all load into its new version: every name the old version had is
    /// still a member, or the new version marks a member to take unknown names (<c>[PersistUnknownEnumValue]</c>).
    /// Numbers do not matter: values are resolved by name, so reordering and inserting members is safe.
    /// </summary>
    public static bool EnumNamesResolve(System.Collections.Generic.IEnumerable<string> oldNames, System.Collections.Generic.ICollection<string> newNames, bool newAcceptsUnknown)
    {
        if (newAcceptsUnknown)
        {
            return true;
        }

        foreach (var name in oldNames)
        {
            if (!newNames.Contains(name))
            {
                return false;
            }
        }

        return true;
    }

    // The width of an integer scalar, 0 for any other shape.
    private static int IntegerBits(string scalar, out bool signed)
    {
        signed = scalar == "sbyte" || scalar == "int16" || scalar == "int32" || scalar == "int64" || scalar == "int128";
        switch (scalar)
        {
            case "byte":
            case "sbyte":
                return 8;
            case "int16":
            case "uint16":
                return 16;
            case "int32":
            case "uint32":
                return 32;
            case "int64":
            case "uint64":
                return 64;
            case "int128":
            case "uint128":
                return 128;
            default:
                return 0;
        }
    }

    // Whether a kind is a scalar's name (string, collections and named shapes are not).
    private static bool IsScalar(string kind)
        => kind != "string" && kind != "nullable" && kind != "enum" && kind != "object" && kind != "ref"
            && kind != "list" && kind != "array" && kind != "set" && kind != "dict" && kind != "opaque";

    private static bool IsCollection(string kind) => kind == "list" || kind == "array" || kind == "set";

    /// <summary>One verdict's walk over two schemas; objects met are remembered, so recursive types end.</summary>
    private sealed class Checker(RuleSchema writer, RuleSchema reader, ICollection<KeyValuePair<string, string>>? enums, ICollection<KeyValuePair<string, string>>? references)
    {
        private readonly HashSet<string> _objects = new(StringComparer.Ordinal);
        private readonly Dictionary<string, bool> _writerFixed = new(StringComparer.Ordinal);
        private readonly Dictionary<string, bool> _readerFixed = new(StringComparer.Ordinal);

        public string? Check(RuleShape from, RuleShape to, bool nested, int depth)
        {
            if (depth > MaxDepth)
            {
                return $"shapes nest more than {MaxDepth} deep";
            }

            if (Same(from, to, new HashSet<string>(StringComparer.Ordinal), depth))
            {
                // The same bytes, copied: an opaque type's enums must keep their numbers, and a value inside one
                // that converts is walked over, which needs its description.
                return RenumberedInside(from, new HashSet<string>(StringComparer.Ordinal), depth)
                    ?? (nested && !Walkable(from, new HashSet<string>(StringComparer.Ordinal), depth) ? $"{from} cannot be read without its type" : null);
            }

            if (IsScalar(from.Kind) && IsScalar(to.Kind))
            {
                return IsNumericPromotion(from.Kind, to.Kind)
                    ? null
                    : $"{from} does not convert to {to} without loss (numbers widen: int32 to int64, float32 or float64 or decimal, float32 to float64, unsigned to a wider signed type)";
            }

            if (from.Kind == "nullable" || to.Kind == "nullable")
            {
                if (!FixedSize(writer, from, depth) || !FixedSize(reader, to, depth))
                {
                    return $"{from} to {to}: only nullables of scalars, enums and unmanaged structs convert";
                }

                return Check(from.Kind == "nullable" ? from.Arguments[0] : from, to.Kind == "nullable" ? to.Arguments[0] : to, true, depth + 1);
            }

            if ((from.Kind == "enum" || from.Kind == "string") && (to.Kind == "enum" || to.Kind == "string"))
            {
                if (from.Kind == "enum" && to.Kind == "enum")
                {
                    enums?.Add(new KeyValuePair<string, string>(from.Name!, to.Name!));
                }

                return null;
            }

            if (IsCollection(from.Kind) && IsCollection(to.Kind))
            {
                var element = Check(from.Arguments[0], to.Arguments[0], true, depth + 1);
                return element is null ? null : "its elements: " + element;
            }

            if (from.Kind == "dict" && to.Kind == "dict")
            {
                var key = Check(from.Arguments[0], to.Arguments[0], true, depth + 1);
                var value = key is null ? Check(from.Arguments[1], to.Arguments[1], true, depth + 1) : null;
                return key is not null ? "its keys: " + key : value is not null ? "its values: " + value : null;
            }

            if (from.Kind == "object" && to.Kind == "object")
            {
                return Object(from, to, depth);
            }

            return $"no rule converts {Describe(from)} to {Describe(to)}";
        }

        private static string Describe(RuleShape shape)
            => shape.Kind == "opaque" ? $"{shape} (a type the schema does not describe: only the same type reads it)" : shape.ToString();

        private string? Object(RuleShape from, RuleShape to, int depth)
        {
            if (writer.Find(from.Name!) is not { IsEnum: false } before || reader.Find(to.Name!) is not { IsEnum: false } after)
            {
                return $"no description of {from} or {to}";
            }

            if (before.Mode != "default" || after.Mode != "default")
            {
                var other = before.Mode != "default" ? before : after;
                return $"'{other.Name}' is in MemoryPack's {other.Mode} mode, which only reads itself unchanged";
            }

            if (FixedSize(writer, from, depth) || FixedSize(reader, to, depth))
            {
                return $"'{after.Name}' is an unmanaged struct, which MemoryPack writes as raw memory: its members cannot change";
            }

            if (before.IsStruct != after.IsStruct)
            {
                return $"'{before.Name}' and '{after.Name}' are not both classes or both structs";
            }

            if (!_objects.Add(before.Name + "\n" + after.Name))
            {
                return null; // met again inside itself: decided where it was first met
            }

            for (var i = 0; i < after.Names.Count; i++)
            {
                var source = before.Names.IndexOf(after.Names[i]);
                var target = RuleShape.Parse(after.Shapes[i]);
                if (source < 0)
                {
                    if (!HasDefault(target, depth))
                    {
                        return $"member '{after.Names[i]}' of '{after.Name}' is new and of a type without a known default ({target})";
                    }

                    continue;
                }

                var shape = RuleShape.Parse(before.Shapes[source]);
                if (Check(shape, target, true, depth + 1) is { } reason)
                {
                    return $"member '{after.Names[i]}' of '{after.Name}': {shape} to {target}: {reason}";
                }
            }

            for (var j = 0; j < before.Names.Count; j++)
            {
                var shape = RuleShape.Parse(before.Shapes[j]);
                if (after.Names.IndexOf(before.Names[j]) < 0 && !Walkable(shape, new HashSet<string>(StringComparer.Ordinal), depth + 1))
                {
                    return $"member '{before.Names[j]}' of '{before.Name}' was removed, and its bytes ({shape}) cannot be skipped without its type";
                }
            }

            return null;
        }

        // Whether values of the two shapes have the same bytes and meaning (names of enums and objects aside).
        private bool Same(RuleShape from, RuleShape to, HashSet<string> assumed, int depth)
        {
            if (depth > MaxDepth || from.Kind != to.Kind)
            {
                return false;
            }

            switch (from.Kind)
            {
                case "string":
                    return true;
                case "ref": // the same bytes whatever the declared tag; the loaded object's type is checked when it loads
                    if (from.Name != to.Name)
                    {
                        references?.Add(new KeyValuePair<string, string>(from.Name!, to.Name!));
                    }

                    return true;
                case "opaque":
                    return from.Name == to.Name;
                case "nullable":
                case "list":
                case "array":
                case "set":
                    return Same(from.Arguments[0], to.Arguments[0], assumed, depth + 1);
                case "dict":
                    return Same(from.Arguments[0], to.Arguments[0], assumed, depth + 1) && Same(from.Arguments[1], to.Arguments[1], assumed, depth + 1);
                case "enum":
                    if (writer.Find(from.Name!) is not { IsEnum: true } we || reader.Find(to.Name!) is not { IsEnum: true } re)
                    {
                        return from.Name == to.Name;
                    }

                    if (we.Mode != re.Mode || we.Names.Count != re.Names.Count)
                    {
                        return false;
                    }

                    for (var i = 0; i < we.Names.Count; i++)
                    {
                        if (we.Names[i] != re.Names[i] || we.Numbers[i] != re.Numbers[i])
                        {
                            return false;
                        }
                    }

                    return true;
                case "object":
                    if (writer.Find(from.Name!) is not { IsEnum: false } wo || reader.Find(to.Name!) is not { IsEnum: false } ro)
                    {
                        return from.Name == to.Name;
                    }

                    if (!assumed.Add(wo.Name + "\n" + ro.Name))
                    {
                        return true; // a recursive type: the same if the rest is
                    }

                    if (wo.Mode != ro.Mode || wo.IsStruct != ro.IsStruct || wo.Names.Count != ro.Names.Count)
                    {
                        return false;
                    }

                    for (var i = 0; i < wo.Names.Count; i++)
                    {
                        if (wo.Names[i] != ro.Names[i] || !Same(RuleShape.Parse(wo.Shapes[i]), RuleShape.Parse(ro.Shapes[i]), assumed, depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return true; // a scalar: the kinds are its name
            }
        }

        // The reason the first opaque type inside a (copied) writer shape has its enums renumbered, or null.
        private string? RenumberedInside(RuleShape shape, HashSet<string> visiting, int depth)
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            switch (shape.Kind)
            {
                case "opaque":
                    return Renumbering(shape.Name!, writer, reader, out var enumName, out var change) ? RenumberingReason(shape.Name!, enumName, change) : null;
                case "object":
                    if (writer.Find(shape.Name!) is not { IsEnum: false } type || !visiting.Add(type.Name))
                    {
                        return null;
                    }

                    foreach (var member in type.Shapes)
                    {
                        if (RenumberedInside(RuleShape.Parse(member), visiting, depth + 1) is { } reason)
                        {
                            return reason;
                        }
                    }

                    return null;
                default:
                    foreach (var argument in shape.Arguments)
                    {
                        if (RenumberedInside(argument, visiting, depth + 1) is { } reason)
                        {
                            return reason;
                        }
                    }

                    return null;
            }
        }

        // Whether the load can walk over a value of the writer's shape without its type: no opaque type, no object
        // of another mode than MemoryPack's default.
        private bool Walkable(RuleShape shape, HashSet<string> visiting, int depth)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            switch (shape.Kind)
            {
                case "opaque":
                    return false;
                case "nullable":
                    return Walkable(shape.Arguments[0], visiting, depth + 1)
                        && (FixedSize(writer, shape.Arguments[0], depth + 1) || shape.Arguments[0].Kind == "object");
                case "object":
                    if (writer.Find(shape.Name!) is not { IsEnum: false } type || type.Mode != "default")
                    {
                        return false;
                    }

                    // Each type is looked at once (a hostile document's types may refer to each other twice per level):
                    // met again on this path it is recursive, walkable if the rest is; met before on another path, it
                    // was walkable, since anything that is not ends the whole answer.
                    if (!visiting.Add(type.Name))
                    {
                        return true;
                    }

                    foreach (var member in type.Shapes)
                    {
                        if (!Walkable(RuleShape.Parse(member), visiting, depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    foreach (var argument in shape.Arguments)
                    {
                        if (!Walkable(argument, visiting, depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;
            }
        }

        // Whether a new member of the reader's shape has bytes that read as its default (0, null, empty).
        private bool HasDefault(RuleShape shape, int depth)
            => FixedSize(reader, shape, depth)
                || (shape.Kind != "opaque" && (shape.Kind != "object" || reader.Find(shape.Name!) is { IsEnum: false, Mode: "default" }));

        // Whether MemoryPack writes a value of the shape as raw memory of a fixed size: a scalar (not biginteger or
        // uri), an enum, a nullable of one, a struct of MemoryPack's default layout made of such members.
        private bool FixedSize(RuleSchema schema, RuleShape shape, int depth)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            switch (shape.Kind)
            {
                case "enum":
                    return true;
                case "nullable":
                    return FixedSize(schema, shape.Arguments[0], depth + 1);
                case "object":
                    // Each struct is decided once per schema (a hostile document's structs may repeat a type twice per
                    // level); one met again while it is decided holds itself, which no struct can.
                    var decided = schema == writer ? _writerFixed : _readerFixed;
                    if (decided.TryGetValue(shape.Name!, out var known))
                    {
                        return known;
                    }

                    if (schema.Find(shape.Name!) is not { IsEnum: false, IsStruct: true, Mode: "default" } type || type.Shapes.Count == 0)
                    {
                        return false;
                    }

                    decided[shape.Name!] = false;
                    foreach (var member in type.Shapes)
                    {
                        if (!FixedSize(schema, RuleShape.Parse(member), depth + 1))
                        {
                            return false;
                        }
                    }

                    return decided[shape.Name!] = true;
                default:
                    return IsScalar(shape.Kind) && shape.Kind != "biginteger" && shape.Kind != "uri";
            }
        }
    }
}
