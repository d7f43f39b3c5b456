namespace Gc3.Persistence;

/// <summary>
/// The store does not exist and <see cref="StoreOptions.CreateIfMissing"/> is <see langword="false"/>:
/// nothing was created.
/// </summary>
public class StoreNotFoundException : IOException
{
    /// <summary>Creates the exception for the store <paramref name="store"/>, saying what is missing.</summary>
    public StoreNotFoundException(string store, string missing)
        : base($"There is no store at '{store}': {missing}.")
    {
        Store = store;
    }

    /// <summary>The store that was asked for, as its URI or path.</summary>
    public string Store { get; }
}
