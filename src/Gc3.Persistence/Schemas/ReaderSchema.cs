using System.Diagnostics.CodeAnalysis;
using Gc3.Persistence.Engine;
using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Schemas;

/// <summary>
/// Where the load path finds the reader's schema (the generated serializer's document and hash) and a
/// writer's (the schemas the store keeps), in one place.
/// </summary>
internal static class ReaderSchema
{
    /// <summary>The hash of the schema <paramref name="serializer"/> writes records with; 0 for none.</summary>
    public static ulong HashOf(PersistableSerializer serializer) => serializer.SchemaHash;

    /// <summary>The schema document of <paramref name="serializer"/>; empty for none.</summary>
    public static string DocumentOf(PersistableSerializer serializer) => serializer.SchemaDocument;

    /// <summary>The document of the schema <paramref name="hash"/> that <paramref name="store"/> keeps.</summary>
    public static bool TryGetWriterSchema(StoreBase store, ulong hash, [NotNullWhen(true)] out string? document)
    {
        var found = store.TryGetWriterSchema(hash, out var text);
        document = found ? text : null;
        return found;
    }
}
