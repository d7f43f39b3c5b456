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
    /// Create the store when it is not there yet (the default). <see langword="false"/>: opening a store
    /// that does not exist (a file store's missing directory, an SQLite file that is not there, a database
    /// without the store's table) throws <see cref="StoreNotFoundException"/> and creates nothing, which is
    /// what a command that only reads wants.
    /// </summary>
    public bool CreateIfMissing { get; init; } = true;
}
