using Microsoft.Extensions.Logging;

namespace Gc3.Persistence;

/// <summary>Settings shared by every store; a store ignores those that do not apply to it.</summary>
public class StoreOptions
{
    /// <summary>
    /// Gives IDs to new objects. <see langword="null"/>: IDs named after each object's class (or its
    /// <see cref="PersistableAttribute.IdPrefix"/>). A factory without a sequence source of its own (such
    /// as <c>new JobIdFactory()</c>) takes its numbers from the store, so they stay unique.
    /// </summary>
    public IdFactory? IdFactory { get; init; }

    /// <summary>Where a store logs what it has to say (recoveries, skipped files); <see langword="null"/> for nowhere.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Wait for the disk on every save, so that a power loss cannot lose a save that returned. File
    /// store: each record is flushed (fsync) before it is renamed into place, and the directory after the renames. SQLite: <c>synchronous=FULL</c>
    /// instead of <c>NORMAL</c>. PostgreSQL always commits durably. Off by default: a crashed process
    /// never leaves a torn record either way.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>
    /// What a load does with a reference to a record the store does not hold (one that <c>Remove</c>
    /// deleted while others still referred to it): <see cref="MissingReferenceHandling.Throw"/> (the
    /// default) or <see cref="MissingReferenceHandling.LoadAsNull"/>, with a warning in the log. A missing
    /// record asked for by <c>Load</c> itself always throws.
    /// </summary>
    public MissingReferenceHandling MissingReferences { get; init; }
}
