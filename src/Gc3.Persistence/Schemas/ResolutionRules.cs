// The resolution rules of issue 15 §3 that decide by shape text alone, in C# the generator's netstandard2.0
// compiles too (no spans, ranges or newer APIs): the runtime's ShapeConverter and the schema lock's analyzer
// can link this one file, so a change the lock accepts is one the load resolves.
#nullable enable

namespace Gc3.Persistence.Schemas;

/// <summary>Which changes of a member's shape old records survive, by the shapes' text (issue 15 §3).</summary>
internal static class ResolutionRules
{
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

    /// <summary>Whether a shape converts into the other by the rules that need no type descriptions; see the remarks.</summary>
    /// <remarks>
    /// The rules of shapes by their kind: <c>T</c> to <c>nullable&lt;U&gt;</c> and <c>nullable&lt;T&gt;</c> to <c>U</c>
    /// (null values fail when they load) where <c>T</c> converts to <c>U</c>; lists, arrays and sets into each other
    /// where the elements convert; dictionaries where keys and values convert; <c>string</c> to and from an enum
    /// (by member name; a name the enum lacks fails when it loads); enums into enums (by name: the names decide,
    /// which this text does not hold, see <see cref="EnumNamesResolve"/>); objects member by member by name
    /// (decided by their descriptions). References convert into references whatever their tag.
    /// </remarks>
    public static bool IsStructuralKindChange(string fromKind, string toKind)
    {
        if (fromKind == toKind)
        {
            return true;
        }

        bool IsCollection(string kind) => kind == "list" || kind == "array" || kind == "set";
        return (IsCollection(fromKind) && IsCollection(toKind))
            || fromKind == "nullable" || toKind == "nullable"
            || (fromKind == "string" && toKind == "enum") || (fromKind == "enum" && toKind == "string");
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
}
