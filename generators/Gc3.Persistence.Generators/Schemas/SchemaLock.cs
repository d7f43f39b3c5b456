using System.Text;

namespace Gc3.Persistence.Generators.Schemas;

/// <summary>
/// The schema lock, <c>persistence.lock.json</c> (issue 15 §4): the shipped schema documents of a project,
/// <c>{"format":1,"schemas":[...]}</c>, sorted by tag, one document per line so that a change is a one-line diff.
/// </summary>
internal static class SchemaLock
{
    public const string FileName = "persistence.lock.json";

    /// <summary>Whether an additional file is the schema lock.</summary>
    public static bool IsLockFile(string path)
        => string.Equals(System.IO.Path.GetFileName(path), FileName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The lock text of <paramref name="documents"/> (tag, document), sorted by tag.</summary>
    public static string Write(IEnumerable<KeyValuePair<string, string>> documents)
    {
        var sorted = documents.OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        var text = new StringBuilder("{\"format\":1,\"schemas\":[\n");
        for (var i = 0; i < sorted.Count; i++)
        {
            text.Append(sorted[i].Value).Append(i + 1 < sorted.Count ? ",\n" : "\n");
        }

        return text.Append("]}\n").ToString();
    }

    /// <summary>The schemas of a lock's text: each document's tag, model, exact text and where it starts; throws <see cref="FormatException"/>.</summary>
    public static List<LockedEntry> Read(string text)
    {
        var position = 0;
        var root = JsonValue.Parse(text, ref position);
        if (root.Kind != JsonKind.Object || root["format"]?.Text != "1" || root["schemas"] is not { Kind: JsonKind.Array } schemas)
        {
            throw new FormatException("it is not {\"format\":1,\"schemas\":[...]}");
        }

        var entries = new List<LockedEntry>();
        foreach (var document in schemas.Items)
        {
            var model = SchemaModel.FromJson(document);
            entries.Add(new LockedEntry(model, text.Substring(document.Start, document.End - document.Start), document.Start));
        }

        return entries;
    }

    /// <summary>The lock <paramref name="text"/> with the document of <paramref name="tag"/> added or replaced.</summary>
    public static string With(string text, string tag, string document)
    {
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(text))
        {
            foreach (var entry in Read(text))
            {
                documents[entry.Model.Tag] = entry.Text;
            }
        }

        documents[tag] = document;
        return Write(documents);
    }
}
