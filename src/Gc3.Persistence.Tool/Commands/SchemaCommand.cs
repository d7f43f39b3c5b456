using System.Text.Json;
using Gc3.Persistence.Schemas;

namespace Gc3.Persistence.Tool.Commands;

/// <summary><c>schema</c>: the writer schemas the store keeps, readable (or their documents, with <c>--json</c>).</summary>
internal sealed class SchemaCommand() : StoreCommand("schema", "the writer schemas the store keeps, readable: members with their keys and shapes, the enums and objects they reach")
{
    private readonly Argument<string?> _tag = new("TAG") { Description = "only the schemas of this type tag", Arity = ArgumentArity.ZeroOrOne };

    protected override IEnumerable<Symbol> OwnSymbols => [_tag];

    protected override async Task<int> ExecuteAsync(SelectedStore store, ParseResult parsed, ToolContext context, CancellationToken cancellationToken)
    {
        var uri = store.Uri;
        var tag = parsed.GetValue(_tag);
        var decoder = await store.DecoderAsync(context, cancellationToken).ConfigureAwait(false);
        var schemas = decoder.Schemas.Select(Read)
            .Where(s => tag is null || string.Equals(s.Tag, tag, StringComparison.Ordinal))
            .OrderBy(s => s.Tag, StringComparer.Ordinal).ThenBy(s => s.Stored.Hash).ToList();
        if (schemas.Count == 0)
        {
            throw new ToolException(tag is null
                ? $"{uri} keeps no writer schemas (its records were written before stores kept them, or it is empty)."
                : $"{uri} keeps no writer schema of the tag '{tag}'.");
        }

        if (context.Json)
        {
            using var json = new JsonLines(context.Console);
            foreach (var (schema, _, damage, schemaTag) in schemas)
            {
                json.Writer.WriteStartObject();
                json.Writer.WriteString("hash", schema.HashText);
                json.Writer.WriteString("tag", schemaTag);
                if (damage is not null)
                {
                    json.Writer.WriteString("damaged", damage);
                }

                WriteDocument(json.Writer, schema.Document);
                json.Writer.WriteEndObject();
                json.EndLine();
            }

            return 0;
        }

        var first = true;
        foreach (var (schema, document, damage, schemaTag) in schemas)
        {
            if (!first)
            {
                context.Out.WriteLine();
            }

            first = false;
            if (document is null)
            {
                context.Out.WriteLine(Printable.Of($"{schemaTag}  schema {schema.HashText}: damaged ({damage})"));
                continue;
            }

            context.Out.WriteLine(Printable.Of($"{document.Tag}  schema {schema.HashText}  ({document.TypeName}, IDs {document.IdPrefix}.N)"));
            var members = new TextTable("  MEMBER", "KEY", "SHAPE");
            foreach (var member in document.Members)
            {
                members.Add("  " + member.Name, member.Key.ToString(CultureInfo.InvariantCulture), member.Shape.ToString());
            }

            members.WriteTo(context.Out);
            foreach (var (name, type) in document.Types.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                context.Out.WriteLine(Printable.Of(type switch
                {
                    SchemaEnumType e => $"  enum {name} : {e.Underlying.ToString().ToLowerInvariant()}{(e.IsFlags ? " [Flags]" : "")} = {string.Join(", ", e.Values.Select(v => $"{v.Name} {v.Value.ToString(CultureInfo.InvariantCulture)}"))}",
                    SchemaObjectType o => $"  {(o.IsStruct ? "struct" : "object")} {name} ({o.Mode.ToString().ToLowerInvariant()}) = {string.Join(", ", o.Members.Select(m => $"{m.Name} {m.Shape}"))}",
                    _ => $"  {name}",
                }));
            }
        }

        return 0;
    }

    // The document as JSON; a damaged one may be no JSON at all (a hostile or cut file), and is then its text, as the store holds it.
    private static void WriteDocument(Utf8JsonWriter writer, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            writer.WritePropertyName("document");
            document.WriteTo(writer);
        }
        catch (JsonException)
        {
            writer.WriteString("documentText", text);
        }
    }

    // The tag a schema is filtered, sorted and shown by is its document's, as every decoding of records reads it: a SQL
    // store's tag column may say otherwise (altered by hand), and must not hide the schema. A document that does not
    // parse has only the tag the store gives.
    private static ReadSchema Read(StoredSchema schema)
    {
        try
        {
            var document = SchemaDocument.Parse(schema.Document);
            return new ReadSchema(schema, document, null, document.Tag);
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or InvalidDataException)
        {
            return new ReadSchema(schema, null, e.Message, schema.Tag);
        }
    }

    private readonly record struct ReadSchema(StoredSchema Stored, SchemaDocument? Document, string? Damage, string Tag);
}
