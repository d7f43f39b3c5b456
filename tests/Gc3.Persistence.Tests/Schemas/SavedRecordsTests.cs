using System.Buffers;
using System.Text.Json;

namespace Gc3.Persistence.Tests.Schemas;

/// <summary>
/// Records as the real generated serializers write them: objects saved by a file store in a fresh directory,
/// read back as bytes, and bodies decoded to JSON by a schema document alone (no types).
/// </summary>
internal sealed class SavedRecords(string purpose) : IDisposable
{
    private readonly TemporaryDirectory _directory = new(purpose);

    /// <summary>The folder the store keeps its records in.</summary>
    public string Path => _directory.Path;

    /// <summary>Saves <paramref name="obj"/> (and what it references); returns its whole record.</summary>
    public byte[] Save(object obj, out Id id)
    {
        using var store = new FilesystemStore(_directory.Path);
        id = store.Save(obj);
        return File.ReadAllBytes(_directory.Combine(id.ToString()));
    }

    /// <summary>Saves <paramref name="obj"/>; returns its record's body (after the header).</summary>
    public byte[] SaveBody(object obj, out Id id)
    {
        var record = Save(obj, out id);
        RecordFormat.ReadHeader(id, record, out var body);
        return record[body];
    }

    /// <summary>A record body decoded to JSON by <paramref name="document"/>.</summary>
    public static JsonElement BodyJson(string document, byte[] body)
        => Json(writer => RecordJson.WriteBody(writer, SchemaDocument.Parse(document), body));

    /// <summary>What <paramref name="write"/> writes, parsed.</summary>
    public static JsonElement Json(Action<Utf8JsonWriter> write)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            write(writer);
        }

        return JsonDocument.Parse(output.WrittenMemory).RootElement.Clone();
    }

    public void Dispose() => _directory.Dispose();
}
