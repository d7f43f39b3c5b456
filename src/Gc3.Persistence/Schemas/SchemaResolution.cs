using System.Collections.Concurrent;
using Gc3.Persistence.Engine;
using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Schemas;

/// <summary>
/// Resolution on load (issue 15 §3), as the load path asks for it: the reader's schema document of each
/// serializer (parsed once), and the <see cref="ResolutionPlan"/> of each (writer schema hash, reader
/// serializer) pair, built once per process from the writer's document the store keeps.
/// </summary>
internal static class SchemaResolution
{
    private static readonly ConcurrentDictionary<PersistableSerializer, SchemaDocument?> ReaderDocuments = new();
    private static readonly ConcurrentDictionary<(ulong Hash, PersistableSerializer Reader), ResolutionPlan> Plans = new();

    /// <summary>
    /// Whether a load compares each record's schema hash with its reader's (on by default). Off, every
    /// record is read as if written with the reader's schema: the benchmark's baseline for what the
    /// comparison costs, never meant for an application.
    /// </summary>
    internal static bool CheckHashes { get; set; } = true;

    /// <summary>The schema document of <paramref name="serializer"/>'s type, or <see langword="null"/> when it has none.</summary>
    public static SchemaDocument? ReaderDocument(PersistableSerializer serializer)
        => ReaderDocuments.GetOrAdd(serializer, static s =>
        {
            var text = ReaderSchema.DocumentOf(s);
            return text.Length == 0 ? null : SchemaDocument.Parse(text);
        });

    /// <summary>
    /// The plan of records written with <paramref name="writerHash"/> loaded by <paramref name="reader"/>, or
    /// <see langword="null"/> when there is none to follow (the reader has no schema, or the store does not
    /// hold the writer's: the record is read as it is, and a failure says so).
    /// </summary>
    public static ResolutionPlan? PlanFor(StoreBase store, PersistableSerializer reader, ulong writerHash, Id id)
    {
        if (Plans.TryGetValue((writerHash, reader), out var plan))
        {
            return plan;
        }

        var readerDocument = ReaderDocument(reader);
        string? text;
        try
        {
            if (readerDocument is null || !ReaderSchema.TryGetWriterSchema(store, writerHash, out text))
            {
                return null;
            }
        }
        catch (InvalidDataException e)
        {
            throw new LoadException(id, $"the schema {writerHash:x16} the record was written with is damaged in the store: {e.Message}", e);
        }

        SchemaDocument writer;
        try
        {
            writer = SchemaDocument.Parse(text);
        }
        catch (FormatException e)
        {
            throw new LoadException(id, $"the schema {writerHash:x16} the record was written with is unreadable in the store: {e.Message}", e);
        }

        if (writer.Hash != writerHash)
        {
            throw new LoadException(id, $"the store's schema {writerHash:x16}, which the record was written with, holds a document whose hash is {writer.Hash:x16}: it is damaged");
        }

        return Plans.GetOrAdd((writerHash, reader), ResolutionPlan.Build(writer, readerDocument));
    }
}
