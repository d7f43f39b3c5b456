namespace Gc3.Persistence;

/// <summary>
/// A write (a save, a replace, a remove, a transaction, a new ID, a raw record or schema) asked of a store opened with
/// <see cref="StoreOptions.ReadOnly"/>: nothing was written. Open the store without <c>ReadOnly</c> to write.
/// </summary>
public class ReadOnlyStoreException : StoreException
{
    /// <summary>Creates the exception for <paramref name="operation"/> asked of the read-only store <paramref name="store"/>.</summary>
    public ReadOnlyStoreException(string store, string operation)
        : base($"Cannot {operation}: the store {store} was opened read-only (StoreOptions.ReadOnly), and nothing was written. Open it without ReadOnly to write.")
    {
        Store = store;
        Operation = operation;
    }

    /// <summary>The store, as its URI or path.</summary>
    public string Store { get; }

    /// <summary>What was asked of it and refused, as the message says it (for example <c>save 'Job.3'</c>).</summary>
    public string Operation { get; }
}
