using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gc3.Persistence.Schemas;

namespace Gc3.Persistence.Tool.Commands;

/// <summary>
/// Decodes records into JSON with the writer schemas the store keeps (<see cref="RecordJson"/>), for
/// <c>show</c>, <c>dump</c> and <c>verify</c>: members by name, references as <c>{"$ref":"job.7"}</c>
/// or, for <c>show --depth</c>, expanded into the referenced record. A record written before stores
/// kept schemas (its header names none) comes out with its body as base64 (<c>"$body"</c>).
/// </summary>
internal sealed class RecordDecoder
{
    /// <summary>How many times the largest record the JSON of the records one <c>show --depth</c> expands may be, at most.</summary>
    public const int ExpansionBudgetFactor = 4;

    private static readonly JsonWriterOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly IRecordStore _store;
    private readonly IReadOnlyList<StoredSchema> _stored;
    private readonly Dictionary<ulong, SchemaDocument?> _documents = [];
    private readonly Dictionary<ulong, string> _damaged = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _bufferWriter;
    private readonly int _maxNestingDepth;
    private readonly long _maxExpandedBytes;
    private readonly JsonDocumentOptions _parseOptions;
    private long _expandedBytes;

    private RecordDecoder(IRecordStore store, IReadOnlyList<StoredSchema> stored, int maxNestingDepth, long maxExpandedBytes)
    {
        _store = store;
        _stored = stored;
        _maxNestingDepth = maxNestingDepth;
        _maxExpandedBytes = maxExpandedBytes;

        // The JSON of a record nests about as deeply as its values (an object or a list a level): its own
        // output is read back for show, with room for the deepest record the limit lets through.
        _parseOptions = new JsonDocumentOptions { MaxDepth = (2 * maxNestingDepth) + 16 };
        _bufferWriter = new Utf8JsonWriter(_buffer, Compact);
        foreach (var schema in stored)
        {
            try
            {
                _documents[schema.Hash] = SchemaDocument.Parse(schema.Document);
            }
            catch (Exception e) when (e is FormatException or JsonException or ArgumentException or InvalidDataException)
            {
                _documents[schema.Hash] = null;
                _damaged[schema.Hash] = e.Message;
            }
        }
    }

    /// <summary>The schemas the store keeps, by hash.</summary>
    public IReadOnlyList<StoredSchema> Schemas => _stored;

    /// <summary>
    /// Reads the store's schemas; records whose values nest deeper than <paramref name="maxNestingDepth"/> are refused
    /// (<see cref="StoreOptions.MaxNestingDepth"/>), and a <see cref="WriteAsync"/> whose expanded records pass
    /// <paramref name="maxExpandedBytes"/> of JSON stops with a <see cref="ToolException"/>.
    /// </summary>
    public static async Task<RecordDecoder> CreateAsync(IRecordStore store, int maxNestingDepth, CancellationToken cancellationToken, long maxExpandedBytes = long.MaxValue)
    {
        var stored = store is ISchemaStore schemas ? await schemas.ReadSchemasAsync(cancellationToken).ConfigureAwait(false) : [];
        return new RecordDecoder(store, stored, maxNestingDepth, maxExpandedBytes);
    }

    /// <summary>
    /// Decodes one record into compact JSON (checking its framing, checksum, schema and body); throws
    /// <see cref="LoadException"/> naming the ID and what is wrong.
    /// </summary>
    public ReadOnlyMemory<byte> Decode(RawRecord record)
    {
        if (record.Problem is not null)
        {
            throw new LoadException(record.Id, record.Problem);
        }

        var span = record.Data.Span;
        var named = RecordFormat.ReadId(record.Id, span, out var hash);
        if (named is not null && !named.Equals(record.Id))
        {
            // Shown under its own "$id", it would pass for the record of another ID, as a load refuses it.
            throw new LoadException(record.Id, $"the record found under '{record.Id}' is the record of '{named}': it was copied or moved here from another ID");
        }

        var tag = RecordFormat.ReadHeader(record.Id, span, out var body);
        _buffer.ResetWrittenCount();
        _bufferWriter.Reset();
        if (hash == 0)
        {
            _bufferWriter.WriteStartObject();
            _bufferWriter.WriteString("$id", record.Id.ToString());
            _bufferWriter.WriteString("$tag", tag);
            _bufferWriter.WriteBase64String("$body", span[body]);
            _bufferWriter.WriteEndObject();
        }
        else
        {
            var document = Document(record.Id, hash);
            if (!string.Equals(document.Tag, tag, StringComparison.Ordinal))
            {
                throw new LoadException(record.Id, $"the record's tag is '{tag}', but its writer schema {StoredSchema.HashTextOf(hash)} is the schema of '{document.Tag}'");
            }

            try
            {
                RecordJson.WriteRecord(_bufferWriter, document, span, record.Id, _maxNestingDepth);
            }
            catch (ArgumentException e)
            {
                throw new LoadException(record.Id, e.Message, e);
            }
        }

        _bufferWriter.Flush();
        return _buffer.WrittenMemory;
    }

    /// <summary>
    /// Checks one record as <see cref="Decode"/> decodes it (its framing, checksum, schema and body), without
    /// writing JSON, and adds the IDs its references name, with the type tag each names, to <paramref name="references"/>; throws
    /// <see cref="LoadException"/> naming the ID and what is wrong, as <see cref="Decode"/> does.
    /// </summary>
    public void Check(RawRecord record, ICollection<KeyValuePair<string, string>> references)
    {
        if (record.Problem is not null)
        {
            throw new LoadException(record.Id, record.Problem);
        }

        var span = record.Data.Span;
        RecordFormat.ReadId(record.Id, span, out var hash);
        var tag = RecordFormat.ReadHeader(record.Id, span, out _);
        if (hash == 0)
        {
            return; // no schema: its body is shown as base64, which any bytes are
        }

        var document = Document(record.Id, hash);
        if (!string.Equals(document.Tag, tag, StringComparison.Ordinal))
        {
            throw new LoadException(record.Id, $"the record's tag is '{tag}', but its writer schema {StoredSchema.HashTextOf(hash)} is the schema of '{document.Tag}'");
        }

        try
        {
            RecordJson.CheckRecord(document, span, record.Id, references, _maxNestingDepth);
        }
        catch (ArgumentException e)
        {
            throw new LoadException(record.Id, e.Message, e);
        }
    }

    /// <summary>Writes one record as a JSON object, references expanded <paramref name="depth"/> levels deep; throws <see cref="LoadException"/> when it is damaged.</summary>
    public async Task WriteAsync(Utf8JsonWriter writer, RawRecord record, int depth, CancellationToken cancellationToken)
    {
        if (depth == 0)
        {
            using var document = JsonDocument.Parse(Decode(record), _parseOptions);
            document.WriteTo(writer);
            return;
        }

        var node = JsonNode.Parse(Decode(record).Span, null, _parseOptions)!;
        _expandedBytes = 0;
        await ExpandAsync(node, depth, [record.Id.ToString()], cancellationToken).ConfigureAwait(false);
        node.WriteTo(writer);
    }

    /// <summary>Writes one record as a line; a damaged record is a line on standard error instead, and false.</summary>
    public bool TryWrite(JsonLines json, RawRecord record, TextWriter error)
    {
        ReadOnlyMemory<byte> decoded;
        try
        {
            decoded = Decode(record);
        }
        catch (LoadException e)
        {
            error.WriteLine($"gc3p: {Printable.Of(e.Message)}");
            return false;
        }

        json.WriteRaw(decoded.Span);
        return true;
    }

    /// <summary>The IDs a decoded record references (the <c>"$ref"</c> values of its JSON).</summary>
    public static void CollectReferences(ReadOnlySpan<byte> json, List<string> references)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("$ref"u8) && reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                references.Add(reader.GetString()!);
            }
        }
    }

    private SchemaDocument Document(Id id, ulong hash)
    {
        if (_documents.TryGetValue(hash, out var document))
        {
            return document ?? throw new LoadException(id, $"its writer schema {StoredSchema.HashTextOf(hash)} is damaged in the store: {_damaged[hash]}");
        }

        throw new LoadException(id, $"its writer schema {StoredSchema.HashTextOf(hash)} is not in the store, so the record cannot be decoded without its type");
    }

    // Replaces each {"$ref": ID} by the referenced record (which keeps its "$id"), down to 'depth'; an
    // ID already on the path is left as a reference (cycles), a missing or damaged one gets "$error".
    private async Task ExpandAsync(JsonNode node, int depth, HashSet<string> path, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is JsonObject { Count: 1 } reference && reference["$ref"] is JsonValue value && value.TryGetValue<string>(out var target))
                    {
                        obj[name] = await ResolveAsync(reference, target, depth, path, cancellationToken).ConfigureAwait(false);
                    }
                    else if (child is not null)
                    {
                        await ExpandAsync(child, depth, path, cancellationToken).ConfigureAwait(false);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonObject { Count: 1 } reference && reference["$ref"] is JsonValue value && value.TryGetValue<string>(out var target))
                    {
                        array[i] = await ResolveAsync(reference, target, depth, path, cancellationToken).ConfigureAwait(false);
                    }
                    else if (array[i] is { } child)
                    {
                        await ExpandAsync(child, depth, path, cancellationToken).ConfigureAwait(false);
                    }
                }

                break;
        }
    }

    private async Task<JsonNode> ResolveAsync(JsonObject reference, string target, int depth, HashSet<string> path, CancellationToken cancellationToken)
    {
        if (path.Contains(target) || !Id.TryParse(target, out var id))
        {
            return reference.DeepClone();
        }

        JsonNode expanded;
        try
        {
            var record = await _store.ReadRawRecordAsync(id, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return new JsonObject { ["$ref"] = target, ["$error"] = "there is no such record" };
            }

            var decoded = Decode(record);

            // Each reference is expanded anew (the same record under two members shows twice): a record naming one ID
            // a million times would build a tree of a million copies, and more at each level. The JSON is held
            // whole until it is written, so it stops at a budget instead of filling the memory.
            _expandedBytes += decoded.Length;
            if (_expandedBytes > _maxExpandedBytes)
            {
                throw new ToolException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"show --depth: the records it expands make more than {_maxExpandedBytes:N0} bytes of JSON ({ExpansionBudgetFactor} times --max-record-bytes): the record refers to many records, or to the same ones many times; give a smaller --depth."));
            }

            expanded = JsonNode.Parse(decoded.Span, null, _parseOptions)!;
        }
        catch (LoadException e)
        {
            return new JsonObject { ["$ref"] = target, ["$error"] = e.Reason };
        }

        if (depth > 1)
        {
            path.Add(target);
            await ExpandAsync(expanded, depth - 1, path, cancellationToken).ConfigureAwait(false);
            path.Remove(target);
        }

        return expanded;
    }
}
