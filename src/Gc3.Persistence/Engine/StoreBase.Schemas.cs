using System.Collections.Concurrent;
using Gc3.Persistence.Schemas;
using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Engine;

/// <summary>
/// The writer schemas a store keeps (issue 15, <see cref="ISchemaStore"/>): each save hands the store the schemas
/// of its records that the store is not known to keep yet (<see cref="SchemasToKeep"/>), which a file store writes
/// before the records and a SQL store in their transaction; once kept, they are remembered
/// (<see cref="SchemasKept"/>) and no later save of the store looks for them again.
/// </summary>
public abstract partial class StoreBase : ISchemaStore
{
    // The schemas this store keeps, by hash, as far as it knows: saved or read by it.
    private readonly ConcurrentDictionary<ulong, string> _knownSchemas = new();

    private static readonly StoredSchema[] NoSchemas = [];

    // The serializer of the last record whose schema was known: a run of records of one type looks nothing up.
    private PersistableSerializer? _lastKnownSerializer;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<StoredSchema>> ReadSchemasAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var schemas = await ReadStoredSchemasAsync(true, cancellationToken).ConfigureAwait(false);
        foreach (var schema in schemas)
        {
            _knownSchemas.TryAdd(schema.Hash, schema.Document);
        }

        return [.. schemas.OrderBy(s => s.Hash)];
    }

    /// <inheritdoc/>
    public async Task WriteSchemasAsync(IReadOnlyList<StoredSchema> schemas, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfReadOnly("write schemas");
        var unknown = new List<StoredSchema>();
        foreach (var schema in schemas)
        {
            ArgumentNullException.ThrowIfNull(schema, nameof(schemas));
            if (schema.Hash == 0 || StoredSchema.HashOf(schema.Document) != schema.Hash)
            {
                throw new ArgumentException($"The schema of '{schema.Tag}' given with the hash {StoredSchema.HashTextOf(schema.Hash)} is not that hash's document (its document hashes to {StoredSchema.HashTextOf(StoredSchema.HashOf(schema.Document))}).", nameof(schemas));
            }

            if (!_knownSchemas.ContainsKey(schema.Hash) && !unknown.Exists(s => s.Hash == schema.Hash))
            {
                unknown.Add(schema);
            }
        }

        if (unknown.Count > 0)
        {
            await WriteStoredSchemasAsync(unknown, true, cancellationToken).ConfigureAwait(false);
            SchemasKept(unknown);
        }
    }

    /// <summary>
    /// The document of the schema with <paramref name="hash"/> that wrote a record: from what this store knows, else
    /// from the store itself; <see langword="false"/> when the store keeps no such schema.
    /// </summary>
    /// <exception cref="InvalidDataException">The store's copy of that schema is damaged (the message names it).</exception>
    internal bool TryGetWriterSchema(ulong hash, out string document)
    {
        if (_knownSchemas.TryGetValue(hash, out document!))
        {
            return true;
        }

        if (hash != 0 && Synchronous.Wait(ReadStoredSchemaAsync(hash, false, default)) is { } stored)
        {
            _knownSchemas.TryAdd(hash, stored.Document);
            document = stored.Document;
            return true;
        }

        document = string.Empty;
        return false;
    }

    /// <summary>
    /// The schemas of <paramref name="records"/> that the store is not known to keep, each once; empty (and no
    /// allocation) in the usual case. A store calls it in <see cref="WriteRecordsAsync"/>, keeps what it returns
    /// before or with the records, and calls <see cref="SchemasKept"/> once they are durable.
    /// </summary>
    protected IReadOnlyList<StoredSchema> SchemasToKeep(IReadOnlyList<PendingRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        List<StoredSchema>? unknown = null;
        for (var i = 0; i < records.Count; i++) // not foreach: that boxes the list's enumerator on every save
        {
            var serializer = records[i].Serializer;
            if (ReferenceEquals(serializer, _lastKnownSerializer) || serializer.SchemaHash == 0)
            {
                continue;
            }

            if (_knownSchemas.ContainsKey(serializer.SchemaHash))
            {
                _lastKnownSerializer = serializer;
                continue;
            }

            unknown ??= [];
            if (!unknown.Exists(s => s.Hash == serializer.SchemaHash))
            {
                unknown.Add(new StoredSchema(serializer.SchemaHash, serializer.Tag, serializer.SchemaDocument));
            }
        }

        return unknown ?? (IReadOnlyList<StoredSchema>)NoSchemas;
    }

    /// <summary>The store now keeps <paramref name="schemas"/> durably: later saves do not look for them again.</summary>
    protected void SchemasKept(IReadOnlyList<StoredSchema> schemas)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        for (var i = 0; i < schemas.Count; i++)
        {
            _knownSchemas.TryAdd(schemas[i].Hash, schemas[i].Document);
        }
    }

    /// <summary>Every schema the store keeps; by default none (a store that keeps no schemas).</summary>
    protected virtual ValueTask<IReadOnlyList<StoredSchema>> ReadStoredSchemasAsync(bool async, CancellationToken cancellationToken)
        => ValueTask.FromResult<IReadOnlyList<StoredSchema>>([]);

    /// <summary>The schema with <paramref name="hash"/>, or <see langword="null"/> when the store keeps none; by default from <see cref="ReadStoredSchemasAsync"/>.</summary>
    protected virtual async ValueTask<StoredSchema?> ReadStoredSchemaAsync(ulong hash, bool async, CancellationToken cancellationToken)
        => (await ReadStoredSchemasAsync(async, cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Hash == hash);

    /// <summary>Keeps <paramref name="schemas"/> (their hashes checked, none kept yet as far as this store knows) outside a save; by default nothing.</summary>
    protected virtual ValueTask WriteStoredSchemasAsync(IReadOnlyList<StoredSchema> schemas, bool async, CancellationToken cancellationToken)
        => ValueTask.CompletedTask;
}
