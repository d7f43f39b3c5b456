using System.Text;
using System.Text.Json;

namespace Gc3.Persistence.Schemas;

/// <summary>
/// One writer schema as a store keeps it: its hash (the one records carry in their header), the tag of the type
/// it describes, and the schema document (compact JSON, see docs/schemas.md).
/// </summary>
/// <param name="Hash">The document's hash, <see cref="HashOf(string)"/>: never 0.</param>
/// <param name="Tag">The type tag the document describes.</param>
/// <param name="Document">The schema document, exactly as the generator wrote it.</param>
public sealed record StoredSchema(ulong Hash, string Tag, string Document)
{
    /// <summary>
    /// The longest schema document a store reads, in UTF-8 bytes: a document is a few kilobytes (parsing takes at most
    /// 1 MiB), so a far longer file or row is no schema, and is not read whole.
    /// </summary>
    internal const int MaxDocumentBytes = 16 * 1024 * 1024;

    /// <summary>Why a document of <paramref name="length"/> bytes, over <see cref="MaxDocumentBytes"/>, is no schema.</summary>
    internal static string TooLong(long length) => $"{length} bytes long, more than a schema document can be ({MaxDocumentBytes} bytes)";

    /// <summary>
    /// The hash of a schema document: FNV-1a 64 of its exact UTF-8 bytes, or 1 where that is 0 (0 in a record's
    /// header means "written before schemas"). The generator computes the same at compile time.
    /// </summary>
    public static ulong HashOf(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var bytes = Encoding.UTF8.GetBytes(document);
        return HashOf(bytes);
    }

    /// <summary>The hash of a schema document's UTF-8 bytes (see <see cref="HashOf(string)"/>).</summary>
    public static ulong HashOf(ReadOnlySpan<byte> utf8Document)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in utf8Document)
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return hash == 0 ? 1 : hash;
    }

    /// <summary>The <c>tag</c> of a schema document's UTF-8 bytes, or <see langword="null"/> when they are not a JSON object with a string tag.</summary>
    internal static string? TagOf(ReadOnlySpan<byte> utf8Document)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Document);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTag = reader.ValueTextEquals("tag"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isTag)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The hash as a store names it: 16 lowercase hexadecimal digits.</summary>
    public string HashText => HashTextOf(Hash);

    /// <summary>A hash as 16 lowercase hexadecimal digits, as the file store names its schema files.</summary>
    public static string HashTextOf(ulong hash) => hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
