namespace Gc3.Persistence;

/// <summary>A record could not be loaded: it is missing, unreadable, corrupt, or of an unknown type.</summary>
public class LoadException : StoreException
{
    /// <summary>Creates the exception for the record <paramref name="id"/>.</summary>
    public LoadException(Id? id, string reason, Exception? innerException = null)
        : base(id is null ? $"Cannot load record: {reason}" : $"Cannot load record '{id}': {reason}", innerException)
    {
        Id = id;
        Reason = reason;
    }

    /// <summary>The ID of the record that could not be loaded, when known.</summary>
    public Id? Id { get; }

    /// <summary>Why the record could not be loaded.</summary>
    public string Reason { get; }
}
