using System.Globalization;
using Gc3.Persistence.Schemas;

namespace Gc3.Persistence.Generators.Schemas;

/// <summary>
/// A schema document read for comparison: from the lock (<see cref="FromJson"/>) or from the current code
/// (<see cref="FromSpec"/>), so that both sides of the lock check are the same model.
/// </summary>
internal sealed class SchemaModel(string tag, string idPrefix, string typeName, List<SchemaMemberSpec> members, RuleSchema rules)
{
    public string Tag { get; } = tag;

    public string IdPrefix { get; } = idPrefix;

    public string TypeName { get; } = typeName;

    public List<SchemaMemberSpec> Members { get; } = members;

    /// <summary>The enums, objects and opaque types' enums, as the resolution rules (the runtime's, linked) read them.</summary>
    public RuleSchema Rules { get; } = rules;

    /// <summary>The model of a current type's schema.</summary>
    public static SchemaModel FromSpec(string tag, string idPrefix, SchemaSpec spec)
    {
        var types = new Dictionary<string, RuleType>(StringComparer.Ordinal);
        foreach (var type in spec.Types)
        {
            var names = type.Fields.Select(f => f.Name).ToList();
            types[type.Name] = type.Kind == SchemaTypeKind.Enum
                ? new RuleType(type.Name, type.Mode, names, type.Fields.Select(f => Number(f.Value, type.Name)).ToList(), type.Unknown)
                : new RuleType(type.Name, type.Mode, type.Flag, names, type.Fields.Select(f => f.Value).ToList());
        }

        var opaque = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
        foreach (var entry in spec.Opaque)
        {
            opaque[entry.Name] = entry.Enums.ToList();
        }

        return new SchemaModel(tag, idPrefix, spec.TypeName, [.. spec.Members], new RuleSchema(types, opaque));
    }

    /// <summary>The model of a schema document; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static SchemaModel FromJson(JsonValue document)
    {
        if (document.Kind != JsonKind.Object)
        {
            throw new FormatException("a schema document is not a JSON object");
        }

        var members = new List<SchemaMemberSpec>();
        foreach (var member in Array(document, "members").Items)
        {
            var key = uint.TryParse(member["key"]?.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var k)
                ? k
                : throw new FormatException("a member's key is not a uint32");
            members.Add(new SchemaMemberSpec(String(member, "name"), key, String(member, "shape")));
        }

        var types = new Dictionary<string, RuleType>(StringComparer.Ordinal);
        if (document["types"] is { Kind: JsonKind.Object } typeTable)
        {
            foreach (var entry in typeTable.Properties)
            {
                var names = new List<string>();
                var values = new List<string>();
                var isEnum = entry.Value["enum"] is not null;
                foreach (var pair in Array(entry.Value, isEnum ? "values" : "members").Items)
                {
                    if (pair.Kind != JsonKind.Array || pair.Items.Count != 2 || pair.Items[0].Kind != JsonKind.String)
                    {
                        throw new FormatException($"an entry of the type '{entry.Key}' is not a [name, value] pair");
                    }

                    names.Add(pair.Items[0].Text!);
                    values.Add(pair.Items[1].Text ?? "");
                }

                types[entry.Key] = isEnum
                    ? new RuleType(entry.Key, entry.Value["enum"]?.Text ?? "", names, values.Select(v => Number(v, entry.Key)).ToList(), entry.Value["unknown"]?.Text)
                    : new RuleType(entry.Key, entry.Value["object"]?.Text ?? "", entry.Value["struct"] is { Kind: JsonKind.Boolean, Text: "true" }, names, values);
            }
        }

        // Optional (documents written before it lack it): the enums inside each opaque type.
        var opaque = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
        if (document["opaque"] is { Kind: JsonKind.Object } opaqueTable)
        {
            foreach (var entry in opaqueTable.Properties)
            {
                opaque[entry.Key] = entry.Value.Kind == JsonKind.Array && entry.Value.Items.All(i => i.Kind == JsonKind.String)
                    ? entry.Value.Items.Select(i => i.Text!).ToList()
                    : throw new FormatException($"the enums of the opaque type '{entry.Key}' are not an array of names");
            }
        }

        return new SchemaModel(String(document, "tag"), String(document, "idPrefix"), String(document, "type"), members, new RuleSchema(types, opaque));
    }

    private static long Number(string text, string type)
        => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed) ? signed
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned) ? unchecked((long)unsigned)
            : throw new FormatException($"a value of the enum '{type}' is not an integer");

    private static string String(JsonValue value, string name)
        => value[name] is { Kind: JsonKind.String, Text: { } text } ? text : throw new FormatException($"'{name}' is missing or not a string");

    private static JsonValue Array(JsonValue value, string name)
        => value[name] is { Kind: JsonKind.Array } array ? array : throw new FormatException($"'{name}' is missing or not an array");
}
