using Microsoft.Extensions.Logging;

namespace Gc3.Persistence;

/// <summary>The event IDs of a store's log messages that a tool acts on.</summary>
public static class StoreLogEvents
{
    /// <summary>
    /// A warning that the store skipped something it holds because it could not read it as what its name says: a row
    /// whose key makes no ID, a file named like a record that is none, a damaged schema, a damaged commit journal.
    /// Nothing else shows it (a listing goes on without it), so <c>gc3p verify</c> and <c>copy</c> count these.
    /// </summary>
    public static readonly EventId Skipped = new(1010, "Skipped");

    /// <summary>
    /// A warning that the store put back a damaged copy of a writer schema it keeps (a schema file or row whose document
    /// does not hash to its hash, or cannot be read) with the sound document, as a save or a copy needed that schema: the
    /// records that name it could not be decoded without their types until then. The message names the file, or the
    /// table and the hash, and what was wrong.
    /// </summary>
    public static readonly EventId SchemaRepaired = new(1011, "SchemaRepaired");

    /// <summary>
    /// A warning of a store opened with <see cref="StoreOptions.ReadOnly"/>: it holds the commit journal of a save a
    /// killed process left unfinished (a file store's <c>.gc3-journal/*.journal</c> whose lock is free), which it cannot
    /// finish without writing; its records are read as they are on disk until a store opened for writing finishes it.
    /// </summary>
    public static readonly EventId UnfinishedCommit = new(1012, "UnfinishedCommit");
}
