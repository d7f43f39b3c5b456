namespace Gc3.Persistence.Tests.Schemas;

/// <summary>
/// Tests on records as the real generated serializers write them: objects saved by a file store in the test's
/// directory, read back as bytes, and bodies decoded to JSON by a schema document alone (no types).
/// </summary>
/// <param name="purpose">A word for the directory's name.</param>
public abstract class SavedRecordsTests(string purpose) : TemporaryDirectoryTests(purpose)
{
    /// <summary>Saves <paramref name="obj"/> (and what it references); returns its whole record.</summary>
    protected byte[] SaveRecord(object obj, out Id id)
    {
        using var store = new FilesystemStore(Folder.Path);
        id = store.Save(obj);
        return File.ReadAllBytes(Folder.Combine(id.ToString()));
    }

    /// <summary>Saves <paramref name="obj"/>; returns its record's body (after the header).</summary>
    protected byte[] SaveBody(object obj, out Id id)
    {
        var record = SaveRecord(obj, out id);
        RecordFormat.ReadHeader(id, record, out var body);
        return record[body];
    }

    /// <summary>A record body decoded to JSON by <paramref name="document"/>.</summary>
    protected static JsonElement BodyJson(string document, byte[] body)
        => Json(writer => RecordJson.WriteBody(writer, SchemaDocument.Parse(document), body));

    /// <summary>What <paramref name="write"/> writes, parsed.</summary>
    protected static JsonElement Json(Action<Utf8JsonWriter> write)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            write(writer);
        }

        return JsonDocument.Parse(output.WrittenMemory).RootElement.Clone();
    }
}
