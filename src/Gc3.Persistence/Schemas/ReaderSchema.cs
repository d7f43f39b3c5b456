using System.Diagnostics.CodeAnalysis;
using Gc3.Persistence.Engine;
using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Schemas;

/// <summary>
/// Where the load path finds the reader's schema (the generated serializer's document and hash) and a
/// writer's (the store's kept schemas), in one place: the schema emission (another part of issue 15)
/// provides both.
/// </summary>
internal static class ReaderSchema
{
    /// <summary>The hash of the schema <paramref name="serializer"/> writes records with; 0 for none.</summary>
    public static ulong HashOf(PersistableSerializer serializer) => 0;

    /// <summary>The schema document of <paramref name="serializer"/>; empty for none.</summary>
    public static string DocumentOf(PersistableSerializer serializer) => "";

    /// <summary>The document of the schema <paramref name="hash"/> that <paramref name="store"/> keeps.</summary>
    public static bool TryGetWriterSchema(StoreBase store, ulong hash, [NotNullWhen(true)] out string? document)
    {
        document = null;
        return false;
    }
}
