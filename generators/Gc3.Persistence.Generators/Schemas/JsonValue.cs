using System.Globalization;
using System.Text;

namespace Gc3.Persistence.Generators.Schemas;

/// <summary>
/// A minimal JSON reader for the schema lock (the generator targets netstandard2.0 and ships without
/// System.Text.Json): objects keep their keys in order, numbers stay as their text.
/// </summary>
internal sealed class JsonValue
{
    private JsonValue(JsonKind kind, string? text = null, List<JsonValue>? items = null, List<KeyValuePair<string, JsonValue>>? properties = null)
    {
        Kind = kind;
        Text = text;
        Items = items ?? [];
        Properties = properties ?? [];
    }

    public JsonKind Kind { get; }

    /// <summary>Where the value starts in the parsed text.</summary>
    public int Start { get; private set; }

    /// <summary>Where the value ends (exclusive) in the parsed text.</summary>
    public int End { get; private set; }

    /// <summary>A string's value, a number's text, <c>true</c>/<c>false</c>.</summary>
    public string? Text { get; }

    public List<JsonValue> Items { get; }

    public List<KeyValuePair<string, JsonValue>> Properties { get; }

    /// <summary>The value of an object's property, or <see langword="null"/>.</summary>
    public JsonValue? this[string name]
    {
        get
        {
            foreach (var property in Properties)
            {
                if (property.Key == name)
                {
                    return property.Value;
                }
            }

            return null;
        }
    }

    /// <summary>Parses one JSON value starting at <paramref name="position"/>; throws <see cref="FormatException"/> naming the offset.</summary>
    public static JsonValue Parse(string text, ref int position)
    {
        SkipSpace(text, ref position);
        var start = position;
        var value = ParseValue(text, ref position);
        value.Start = start;
        value.End = position;
        return value;
    }

    private static JsonValue ParseValue(string text, ref int position)
    {
        if (position >= text.Length)
        {
            throw Error(position, "a value");
        }

        switch (text[position])
        {
            case '{':
                var properties = new List<KeyValuePair<string, JsonValue>>();
                for (var more = Open(text, ref position, '}'); more; more = Next(text, ref position, '}'))
                {
                    SkipSpace(text, ref position);
                    var name = ParseString(text, ref position);
                    SkipSpace(text, ref position);
                    Expect(text, ref position, ':');
                    properties.Add(new KeyValuePair<string, JsonValue>(name, Parse(text, ref position)));
                }

                return new JsonValue(JsonKind.Object, properties: properties);

            case '[':
                var items = new List<JsonValue>();
                for (var more = Open(text, ref position, ']'); more; more = Next(text, ref position, ']'))
                {
                    items.Add(Parse(text, ref position));
                }

                return new JsonValue(JsonKind.Array, items: items);

            case '"':
                return new JsonValue(JsonKind.String, ParseString(text, ref position));
            case 't' when string.CompareOrdinal(text, position, "true", 0, 4) == 0:
                position += 4;
                return new JsonValue(JsonKind.Boolean, "true");
            case 'f' when string.CompareOrdinal(text, position, "false", 0, 5) == 0:
                position += 5;
                return new JsonValue(JsonKind.Boolean, "false");
            case 'n' when string.CompareOrdinal(text, position, "null", 0, 4) == 0:
                position += 4;
                return new JsonValue(JsonKind.Null);
            default:
                var first = position;
                while (position < text.Length && (char.IsDigit(text[position]) || text[position] is '-' or '+' or '.' or 'e' or 'E'))
                {
                    position++;
                }

                if (position == first)
                {
                    throw Error(position, "a value");
                }

                return new JsonValue(JsonKind.Number, text.Substring(first, position - first));
        }
    }

    private static string ParseString(string text, ref int position)
    {
        Expect(text, ref position, '"');
        var builder = new StringBuilder();
        while (position < text.Length)
        {
            var c = text[position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (position >= text.Length)
            {
                break;
            }

            var escape = text[position++];
            switch (escape)
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'u' when position + 4 <= text.Length
                    && int.TryParse(text.Substring(position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    builder.Append((char)code);
                    position += 4;
                    break;
                case '"' or '\\' or '/': builder.Append(escape); break;
                default: throw Error(position - 1, "an escape sequence");
            }
        }

        throw Error(position, "the end of a string");
    }

    // Steps past the '{' or '[' at position and says whether an item follows; if not, past the empty container's close too.
    private static bool Open(string text, ref int position, char close)
    {
        position++;
        SkipSpace(text, ref position);
        if (Peek(text, position) != close)
        {
            return true;
        }

        position++;
        return false;
    }

    // After an item: steps past the ',' before the next item and says one follows, or past the container's close.
    private static bool Next(string text, ref int position, char close)
    {
        SkipSpace(text, ref position);
        if (Peek(text, position) == ',')
        {
            position++;
            return true;
        }

        Expect(text, ref position, close);
        return false;
    }

    private static void SkipSpace(string text, ref int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\r' or '\n')
        {
            position++;
        }
    }

    private static char Peek(string text, int position) => position < text.Length ? text[position] : '\0';

    private static void Expect(string text, ref int position, char c)
    {
        if (Peek(text, position) != c)
        {
            throw Error(position, $"'{c}'");
        }

        position++;
    }

    private static FormatException Error(int position, string expected) => new($"expected {expected} at offset {position}");
}
