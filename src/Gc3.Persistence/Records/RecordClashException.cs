namespace Gc3.Persistence.Records;

/// <summary>
/// A raw write (<see cref="IRecordStore.WriteRawRecordsAsync"/>, a <see cref="StoreCopy"/>) found
/// another record under an ID it was to write: nothing was overwritten.
/// </summary>
public sealed class RecordClashException : Exception
{
    /// <summary>Creates the exception for the record of <paramref name="id"/> in <paramref name="store"/>.</summary>
    public RecordClashException(Id id, string store)
        : base($"'{store}' already holds a different record under '{id}': nothing was overwritten (copy into an empty store, or remove that record first)")
    {
        ArgumentNullException.ThrowIfNull(id);
        Id = id;
        Store = store;
    }

    /// <summary>The ID under which the store holds another record.</summary>
    public Id Id { get; }

    /// <summary>The store, as its messages name it.</summary>
    public string Store { get; }
}
