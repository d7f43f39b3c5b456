namespace Gc3.Persistence.Schemas;

/// <summary>
/// A store's writer schemas (issue 15): every schema the store has written records with, kept once per
/// hash before (file store) or with (SQL stores, in the same transaction) the first record that names it.
/// Every store of this library implements it; <c>gc3p</c> and store copying read and write them.
/// </summary>
public interface ISchemaStore
{
    /// <summary>Every schema the store keeps, ordered by hash.</summary>
    /// <exception cref="IOException">The store could not be read.</exception>
    Task<IReadOnlyList<StoredSchema>> ReadSchemasAsync(CancellationToken cancellationToken = default);

    /// <summary>Keeps <paramref name="schemas"/> (those the store has already are left as they are), durably.</summary>
    /// <exception cref="ArgumentException">A schema's hash is not the hash of its document (see <see cref="StoredSchema.HashOf(string)"/>).</exception>
    Task WriteSchemasAsync(IReadOnlyList<StoredSchema> schemas, CancellationToken cancellationToken = default);
}
