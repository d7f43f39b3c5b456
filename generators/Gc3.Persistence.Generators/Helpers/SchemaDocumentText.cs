using System.Globalization;
using System.Text;

namespace Gc3.Persistence.Generators.Helpers;

/// <summary>
/// Writes a type's schema document (the schema contract's compact JSON: no whitespace, keys in a fixed
/// order) and computes its hash. The text is canonical by construction: the same spec always gives the
/// same bytes, so the hash names the shapes.
/// </summary>
internal static class SchemaDocumentText
{
    /// <summary>The document of the type with <paramref name="tag"/> and <paramref name="idPrefix"/>.</summary>
    public static string Write(string tag, string idPrefix, SchemaSpec schema)
    {
        var json = new StringBuilder(256);
        json.Append("{\"format\":1,\"tag\":");
        AppendString(json, tag);
        json.Append(",\"idPrefix\":");
        AppendString(json, idPrefix);
        json.Append(",\"type\":");
        AppendString(json, schema.TypeName);
        json.Append(",\"members\":[");
        for (var i = 0; i < schema.Members.Count; i++)
        {
            var member = schema.Members[i];
            json.Append(i == 0 ? "{\"name\":" : ",{\"name\":");
            AppendString(json, member.Name);
            json.Append(",\"key\":").Append(member.Key.ToString(CultureInfo.InvariantCulture)).Append(",\"shape\":");
            AppendString(json, member.Shape);
            json.Append('}');
        }

        json.Append("],\"types\":{");
        for (var i = 0; i < schema.Types.Count; i++)
        {
            var type = schema.Types[i];
            if (i > 0)
            {
                json.Append(',');
            }

            // {"enum":underlying,"values":[[name,number],...]} or {"object":mode,"members":[[name,shape],...]}, each with its flag.
            var isEnum = type.Kind == SchemaTypeKind.Enum;
            AppendString(json, type.Name);
            json.Append(isEnum ? ":{\"enum\":" : ":{\"object\":");
            AppendString(json, type.Mode);
            json.Append(isEnum ? ",\"values\":" : ",\"members\":");
            AppendPairs(json, type.Fields, quoteValues: !isEnum);
            if (type.Flag)
            {
                json.Append(isEnum ? ",\"flags\":true" : ",\"struct\":true");
            }

            if (isEnum && type.Unknown is not null)
            {
                // Optional (issue 15 §3): the member names the enum lost load as; absent, the document is as before.
                json.Append(",\"unknown\":");
                AppendString(json, type.Unknown);
            }

            json.Append('}');
        }

        json.Append('}');
        if (schema.Opaque.Count > 0)
        {
            // Optional (a document without opaque types holding enums is as before): the enums stored by number
            // inside each opaque type, so that a change of their numbering is caught (the lock, the load).
            json.Append(",\"opaque\":{");
            for (var i = 0; i < schema.Opaque.Count; i++)
            {
                json.Append(i == 0 ? "" : ",");
                AppendString(json, schema.Opaque[i].Name);
                json.Append(":[");
                for (var j = 0; j < schema.Opaque[i].Enums.Count; j++)
                {
                    json.Append(j == 0 ? "" : ",");
                    AppendString(json, schema.Opaque[i].Enums[j]);
                }

                json.Append(']');
            }

            json.Append('}');
        }

        json.Append('}');
        return json.ToString();
    }

    /// <summary>FNV-1a 64 of the document's UTF-8 bytes; 1 where that is 0 (0 in a record means "no schema").</summary>
    public static ulong Hash(string document)
    {
        var hash = Fnv1a.Hash64(document);
        return hash == 0 ? 1 : hash;
    }

    // [[name,value],...]: an enum's values as numbers, an object's members' shapes as strings.
    private static void AppendPairs(StringBuilder json, EquatableArray<SchemaFieldSpec> fields, bool quoteValues)
    {
        json.Append('[');
        for (var i = 0; i < fields.Count; i++)
        {
            json.Append(i == 0 ? "[" : ",[");
            AppendString(json, fields[i].Name);
            json.Append(',');
            if (quoteValues)
            {
                AppendString(json, fields[i].Value);
            }
            else
            {
                json.Append(fields[i].Value);
            }

            json.Append(']');
        }

        json.Append(']');
    }

    // A JSON string: quote, backslash, control characters and lone surrogates escaped; everything else as it is.
    private static void AppendString(StringBuilder json, string text)
    {
        json.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' || c == '\\')
            {
                json.Append('\\').Append(c);
            }
            else if (c < 0x20 || (char.IsSurrogate(c) && !IsPaired(text, i)))
            {
                json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                json.Append(c);
            }
        }

        json.Append('"');
    }

    private static bool IsPaired(string text, int i)
        => char.IsHighSurrogate(text[i])
            ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
            : i > 0 && char.IsHighSurrogate(text[i - 1]);
}
