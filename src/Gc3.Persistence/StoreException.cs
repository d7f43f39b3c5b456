namespace Gc3.Persistence;

/// <summary>
/// A store operation failed. The message says what the store was doing (opening which store, saving,
/// loading or removing which ID); <see cref="Exception.InnerException"/> holds the cause the database
/// or the file system gave (a <c>SqliteException</c>, an <c>NpgsqlException</c>, an <see cref="IOException"/>).
/// <see cref="LoadException"/> and <see cref="ConcurrencyException"/> are store exceptions too.
/// </summary>
public class StoreException : Exception
{
    /// <summary>Creates the exception with its message and the cause.</summary>
    public StoreException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    // The save is past its commit point (a file store's journal that could not be undone, which the store finishes; a
    // transaction whose reporting threw after it committed): its new objects keep their IDs, which name their records.
    internal bool Committed { get; init; }
}
