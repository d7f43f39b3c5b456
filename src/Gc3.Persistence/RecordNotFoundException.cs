namespace Gc3.Persistence;

/// <summary>
/// A load found no record under an ID: the one asked for, or one a loaded record refers to
/// (<see cref="ReferencedFrom"/>). Any other <see cref="LoadException"/> means a record is there but cannot be
/// read, so an application that makes a fresh object when a record is missing catches this one only
/// (or calls <see cref="IStore.TryLoad{T}"/>), and never takes a damaged record for an absent one.
/// </summary>
public class RecordNotFoundException : LoadException
{
    /// <summary>Creates the exception for the missing record <paramref name="id"/>.</summary>
    /// <param name="id">The ID no record is stored under.</param>
    /// <param name="referencedFrom">The record that refers to it, or <see langword="null"/> when it was asked for itself.</param>
    public RecordNotFoundException(Id id, Id? referencedFrom)
        : base(id, referencedFrom is null ? "there is no such record" : $"there is no such record (it is referenced from '{referencedFrom}')")
    {
        ReferencedFrom = referencedFrom;
    }

    /// <summary>The record whose reference names the missing one; <see langword="null"/> when the load asked for it.</summary>
    public Id? ReferencedFrom { get; }
}
