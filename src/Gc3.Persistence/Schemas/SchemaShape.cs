using System.Text;

namespace Gc3.Persistence.Schemas;

/// <summary>
/// The shape of a member as a schema document writes it (issue 15): parsed from and formatted to the
/// shape grammar, such as <c>list&lt;enum&lt;MyApp.JobState&gt;&gt;</c> or <c>dict&lt;string,ref&lt;job&gt;&gt;</c>
/// (the schema contract of issue 15). Two shapes are equal when their text is.
/// </summary>
public sealed class SchemaShape : IEquatable<SchemaShape>
{
    /// <summary>The longest shape text <see cref="Parse"/> accepts, in characters.</summary>
    public const int MaxTextLength = 4096;

    /// <summary>How deeply <see cref="Parse"/> accepts shapes nested in each other (<c>list&lt;list&lt;...&gt;&gt;</c>).</summary>
    public const int MaxNesting = 32;

    private static readonly string[] ScalarNames =
    [
        "", "bool", "byte", "sbyte", "int16", "uint16", "int32", "uint32", "int64", "uint64", "int128", "uint128",
        "float16", "float32", "float64", "decimal", "char", "datetime", "datetimeoffset", "timespan", "dateonly",
        "timeonly", "guid", "biginteger", "uri",
    ];

    private string? _text;

    private SchemaShape(SchemaShapeKind kind, SchemaScalar scalar, string? name, SchemaShape? element, SchemaShape? value)
    {
        Kind = kind;
        Scalar = scalar;
        Name = name;
        Element = element;
        Value = value;
    }

    /// <summary>The shape <c>string</c>.</summary>
    public static SchemaShape String { get; } = new(SchemaShapeKind.String, SchemaScalar.None, null, null, null);

    /// <summary>What kind of shape this is.</summary>
    public SchemaShapeKind Kind { get; }

    /// <summary>The scalar, for <see cref="SchemaShapeKind.Scalar"/>; otherwise <see cref="SchemaScalar.None"/>.</summary>
    public SchemaScalar Scalar { get; }

    /// <summary>
    /// The CLR full name of an enum, object or opaque type, or the tag of a reference (unescaped: a tag
    /// holding <c>&lt;</c>, <c>&gt;</c>, <c>,</c> or <c>%</c> stands escaped in the text only).
    /// </summary>
    public string? Name { get; }

    /// <summary>The inner shape of a nullable, the element of a list, array or set, the key of a dictionary.</summary>
    public SchemaShape? Element { get; }

    /// <summary>The value shape of a dictionary.</summary>
    public SchemaShape? Value { get; }

    /// <summary>Creates the shape of a scalar.</summary>
    public static SchemaShape Of(SchemaScalar scalar)
        => scalar is > SchemaScalar.None and <= SchemaScalar.Uri
            ? new SchemaShape(SchemaShapeKind.Scalar, scalar, null, null, null)
            : throw new ArgumentOutOfRangeException(nameof(scalar), scalar, "not a scalar");

    /// <summary>Creates a named shape: an enum, an object, an opaque type or a reference.</summary>
    public static SchemaShape Named(SchemaShapeKind kind, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return kind is SchemaShapeKind.Enum or SchemaShapeKind.Object or SchemaShapeKind.Opaque or SchemaShapeKind.Reference
            ? new SchemaShape(kind, SchemaScalar.None, name, null, null)
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a named shape");
    }

    /// <summary>Creates a nullable, list, array or set of <paramref name="element"/>.</summary>
    public static SchemaShape Of(SchemaShapeKind kind, SchemaShape element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return kind is SchemaShapeKind.Nullable or SchemaShapeKind.List or SchemaShapeKind.Array or SchemaShapeKind.Set
            ? new SchemaShape(kind, SchemaScalar.None, null, element, null)
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a shape of one element");
    }

    /// <summary>Creates a dictionary of <paramref name="key"/> to <paramref name="value"/>.</summary>
    public static SchemaShape Dictionary(SchemaShape key, SchemaShape value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return new SchemaShape(SchemaShapeKind.Dictionary, SchemaScalar.None, null, key, value);
    }

    /// <summary>Parses a shape's text; throws <see cref="FormatException"/> naming what is wrong and where.</summary>
    public static SchemaShape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxTextLength)
        {
            throw new FormatException($"a shape of {text.Length} characters is longer than the {MaxTextLength} allowed");
        }

        var position = 0;
        var shape = ParseShape(text, ref position, 0);
        if (position != text.Length)
        {
            throw Malformed(text, position, "unexpected text after the shape");
        }

        shape._text = text;
        return shape;
    }

    /// <summary>The scalar named <paramref name="name"/> (<c>int32</c>), or <see cref="SchemaScalar.None"/>.</summary>
    public static SchemaScalar ScalarOf(string name)
    {
        var index = Array.IndexOf(ScalarNames, name);
        return index > 0 ? (SchemaScalar)index : SchemaScalar.None;
    }

    /// <summary>The name of <paramref name="scalar"/> in a shape's text (<c>int32</c>).</summary>
    public static string NameOf(SchemaScalar scalar)
        => scalar is > SchemaScalar.None and <= SchemaScalar.Uri ? ScalarNames[(int)scalar] : throw new ArgumentOutOfRangeException(nameof(scalar));

    /// <summary>The shape's text, in the grammar <see cref="Parse"/> reads.</summary>
    public override string ToString() => _text ??= Format();

    /// <inheritdoc/>
    public bool Equals(SchemaShape? other) => other is not null && (ReferenceEquals(this, other) || ToString() == other.ToString());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SchemaShape);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>Escapes a tag or name for a shape's text: <c>%</c>, <c>&lt;</c>, <c>&gt;</c> and <c>,</c> as <c>%25</c>, <c>%3C</c>, <c>%3E</c>, <c>%2C</c>.</summary>
    internal static string Escape(string name)
        => name.AsSpan().IndexOfAny("%<>,") < 0
            ? name
            : name.Replace("%", "%25", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal)
                .Replace(">", "%3E", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private string Format()
    {
        return Kind switch
        {
            SchemaShapeKind.Scalar => ScalarNames[(int)Scalar],
            SchemaShapeKind.String => "string",
            SchemaShapeKind.Nullable => $"nullable<{Element}>",
            SchemaShapeKind.Enum => $"enum<{Escape(Name!)}>",
            SchemaShapeKind.Object => $"object<{Escape(Name!)}>",
            SchemaShapeKind.Reference => $"ref<{Escape(Name!)}>",
            SchemaShapeKind.List => $"list<{Element}>",
            SchemaShapeKind.Array => $"array<{Element}>",
            SchemaShapeKind.Set => $"set<{Element}>",
            SchemaShapeKind.Dictionary => $"dict<{Element},{Value}>",
            _ => $"opaque<{Escape(Name!)}>",
        };
    }

    private static SchemaShape ParseShape(string text, ref int position, int depth)
    {
        if (depth >= MaxNesting)
        {
            throw Malformed(text, position, $"shapes nest more than {MaxNesting} deep");
        }

        var start = position;
        while (position < text.Length && text[position] is not ('<' or '>' or ','))
        {
            position++;
        }

        var word = text[start..position];
        if (position == text.Length || text[position] != '<')
        {
            if (word == "string")
            {
                return String;
            }

            var scalar = ScalarOf(word);
            return scalar != SchemaScalar.None
                ? new SchemaShape(SchemaShapeKind.Scalar, scalar, null, null, null)
                : throw Malformed(text, start, word.Length == 0 ? "a shape is missing" : $"'{word}' is no scalar (a generic shape needs '<...>')");
        }

        position++; // '<'
        SchemaShape shape;
        switch (word)
        {
            case "enum":
            case "object":
            case "opaque":
            case "ref":
                var kind = word switch { "enum" => SchemaShapeKind.Enum, "object" => SchemaShapeKind.Object, "opaque" => SchemaShapeKind.Opaque, _ => SchemaShapeKind.Reference };
                shape = new SchemaShape(kind, SchemaScalar.None, ParseName(text, ref position), null, null);
                break;
            case "nullable":
            case "list":
            case "array":
            case "set":
                var outer = word switch { "nullable" => SchemaShapeKind.Nullable, "list" => SchemaShapeKind.List, "array" => SchemaShapeKind.Array, _ => SchemaShapeKind.Set };
                shape = new SchemaShape(outer, SchemaScalar.None, null, ParseShape(text, ref position, depth + 1), null);
                break;
            case "dict":
                var key = ParseShape(text, ref position, depth + 1);
                Expect(text, ref position, ',');
                shape = new SchemaShape(SchemaShapeKind.Dictionary, SchemaScalar.None, null, key, ParseShape(text, ref position, depth + 1));
                break;
            default:
                throw Malformed(text, start, $"'{word}' is no shape of the grammar (expected nullable, enum, object, ref, list, array, set, dict or opaque before '<')");
        }

        Expect(text, ref position, '>');
        return shape;
    }

    private static string ParseName(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && text[position] is not ('<' or '>' or ','))
        {
            position++;
        }

        if (position == start)
        {
            throw Malformed(text, start, "a name or tag is missing");
        }

        var raw = text.AsSpan(start, position - start);
        if (raw.IndexOf('%') < 0)
        {
            return raw.ToString();
        }

        var name = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '%')
            {
                name.Append(raw[i]);
                continue;
            }

            var escape = i + 3 <= raw.Length ? raw.Slice(i, 3).ToString().ToUpperInvariant() : "";
            name.Append(escape switch
            {
                "%25" => '%',
                "%3C" => '<',
                "%3E" => '>',
                "%2C" => ',',
                _ => throw Malformed(text, start + i, "'%' must start one of the escapes %25, %3C, %3E or %2C"),
            });
            i += 2;
        }

        return name.ToString();
    }

    private static void Expect(string text, ref int position, char expected)
    {
        if (position >= text.Length || text[position] != expected)
        {
            throw Malformed(text, position, $"expected '{expected}'");
        }

        position++;
    }

    private static FormatException Malformed(string text, int position, string what)
        => new($"malformed shape '{(text.Length > 200 ? text[..200] + "..." : text)}' at character {position}: {what}");
}
