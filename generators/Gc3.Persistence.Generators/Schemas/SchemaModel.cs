using System;
using System.Collections.Generic;
using System.Globalization;
using Gc3.Persistence.Generators.Model;

namespace Gc3.Persistence.Generators.Schemas;

/// <summary>
/// A schema document read for comparison: from the lock (<see cref="FromJson"/>) or from the current code
/// (<see cref="FromSpec"/>), so that both sides of the lock check are the same model.
/// </summary>
internal sealed class SchemaModel
{
    public SchemaModel(string tag, string idPrefix, string typeName, List<SchemaMemberSpec> members, Dictionary<string, SchemaTypeModel> types)
    {
        Tag = tag;
        IdPrefix = idPrefix;
        TypeName = typeName;
        Members = members;
        Types = types;
    }

    public string Tag { get; }

    public string IdPrefix { get; }

    public string TypeName { get; }

    public List<SchemaMemberSpec> Members { get; }

    public Dictionary<string, SchemaTypeModel> Types { get; }

    /// <summary>The model of a current type's schema.</summary>
    public static SchemaModel FromSpec(string tag, string idPrefix, SchemaSpec spec)
    {
        var types = new Dictionary<string, SchemaTypeModel>(StringComparer.Ordinal);
        foreach (var type in spec.Types)
        {
            var names = new List<string>();
            var shapes = new List<string>();
            foreach (var field in type.Fields)
            {
                names.Add(field.Name);
                shapes.Add(field.Value);
            }

            types[type.Name] = new SchemaTypeModel(type.Name, type.Kind == SchemaTypeKind.Enum, type.Mode, names, shapes);
        }

        return new SchemaModel(tag, idPrefix, spec.TypeName, [.. spec.Members], types);
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

        var types = new Dictionary<string, SchemaTypeModel>(StringComparer.Ordinal);
        if (document["types"] is { Kind: JsonKind.Object } typeTable)
        {
            foreach (var entry in typeTable.Properties)
            {
                var names = new List<string>();
                var shapes = new List<string>();
                var isEnum = entry.Value["enum"] is not null;
                foreach (var pair in Array(entry.Value, isEnum ? "values" : "members").Items)
                {
                    if (pair.Kind != JsonKind.Array || pair.Items.Count != 2 || pair.Items[0].Kind != JsonKind.String)
                    {
                        throw new FormatException($"an entry of the type '{entry.Key}' is not a [name, value] pair");
                    }

                    names.Add(pair.Items[0].Text!);
                    shapes.Add(pair.Items[1].Text ?? "");
                }

                types[entry.Key] = new SchemaTypeModel(entry.Key, isEnum, (entry.Value[isEnum ? "enum" : "object"]?.Text) ?? "", names, shapes);
            }
        }

        return new SchemaModel(String(document, "tag"), String(document, "idPrefix"), String(document, "type"), members, types);
    }

    private static string String(JsonValue value, string name)
        => value[name] is { Kind: JsonKind.String, Text: { } text } ? text : throw new FormatException($"'{name}' is missing or not a string");

    private static JsonValue Array(JsonValue value, string name)
        => value[name] is { Kind: JsonKind.Array } array ? array : throw new FormatException($"'{name}' is missing or not an array");
}
