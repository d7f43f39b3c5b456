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

    /// <summary>
    /// Open the store only to read it (off by default), as an inspection tool or a dashboard wants: opening writes nothing
    /// (a file store neither finishes the commits a killed process left half done nor removes old temporary files; a SQL
    /// store neither creates nor upgrades its tables and opens its connections read-only), a store that does not exist is a
    /// <see cref="StoreNotFoundException"/> whatever <see cref="CreateIfMissing"/> says, and every operation that would
    /// write (a save, a replace, a remove, a transaction, a new ID, a raw record or schema written) throws
    /// <see cref="ReadOnlyStoreException"/> before writing anything. A file store holding the journal of a commit a killed
    /// process left unfinished reads its records as they are on disk, and logs a warning
    /// (<see cref="StoreLogEvents.UnfinishedCommit"/>) naming the journal.
    /// </summary>
    public bool ReadOnly { get; init; }

    /// <summary>The default of <see cref="MaxRecordBytes"/>: 64 MiB.</summary>
    public const int DefaultMaxRecordBytes = 64 << 20;

    /// <summary>The largest value <see cref="MaxRecordBytes"/> accepts: 1 GiB.</summary>
    public const int MaxRecordBytesLimit = 1 << 30;

    /// <summary>
    /// The largest record a store saves or loads, in bytes (default 64 MiB, at most 1 GiB). A file store
    /// checks a record file's length before it reads it, and the length its header declares after
    /// reading only the header; a SQL store checks the length of the <c>data</c> value. A record over
    /// the limit is a <see cref="LoadException"/> without being read into memory, so a damaged or hostile
    /// store (a sparse file of a gigabyte named like a record) cannot make a load allocate more than
    /// this; a save of an object whose record would be larger fails before anything is written.
    /// </summary>
    public int MaxRecordBytes
    {
        get;
        init => field = value is >= Records.RecordFormat.MinimumSize and <= MaxRecordBytesLimit
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxRecordBytes), value, $"The largest record must be between {Records.RecordFormat.MinimumSize} bytes and {MaxRecordBytesLimit} (1 GiB).");
    } = DefaultMaxRecordBytes;

    /// <summary>The default of <see cref="MaxNestingDepth"/>: 64.</summary>
    public const int DefaultMaxNestingDepth = 64;

    /// <summary>
    /// The largest value <see cref="MaxNestingDepth"/> accepts: 256. A load of values nested 250 deep was measured to
    /// need less than 384 KiB of stack (debug build), so even the largest limit leaves most of a .NET thread's stack
    /// (1.5 MiB on Linux, 1 MiB on Windows) to the caller.
    /// </summary>
    public const int MaxNestingDepthLimit = 256;

    /// <summary>
    /// How deeply the values of a record may nest (a <c>[MemoryPackable]</c> object in a list in an object,
    /// each level counted) before a load refuses the record with a <see cref="LoadException"/> naming the
    /// member and this limit (default 64, from 1 to 256). A record's members that hold <c>[MemoryPackable]</c>
    /// objects are checked against it before MemoryPack decodes them, since MemoryPack's generated code nests
    /// by recursion and a hostile record nesting a self-referencing type 100,000 deep would otherwise end the
    /// process with a stack overflow; schema resolution and record decoding without the types honour it too.
    /// </summary>
    public int MaxNestingDepth
    {
        get;
        init => field = value is >= 1 and <= MaxNestingDepthLimit
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxNestingDepth), value, $"The nesting depth must be between 1 and {MaxNestingDepthLimit}.");
    } = DefaultMaxNestingDepth;

    /// <summary>The default of <see cref="LockTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a file store waits for a lock that another process holds (default 30 s; any positive time, or
    /// <see cref="Timeout.InfiniteTimeSpan"/> to wait without end): its write lock (<c>.gc3-lock</c>, taken by a save
    /// that replaces a record, a removal and the recovery of a crashed commit), its ID counter (<c>.gc3-next-id</c>,
    /// taken for new IDs) and, for a load of a record that is not there, the journal of each commit in flight. Such a
    /// lock is held for a few system calls, so a wait this long means its holder is stopped (in a debugger, by SIGSTOP,
    /// on a stalled network file system): the operation then throws a <see cref="StoreException"/> (a
    /// <see cref="LoadException"/> for a load) that names the file, with an <see cref="IOException"/> inside, having
    /// written nothing, and the store works again as soon as the holder goes on or ends. SQLite's writers wait as long for each other
    /// (its busy timeout: then a <see cref="StoreException"/> saying the database is locked); PostgreSQL's as the server's
    /// <c>lock_timeout</c> and the connection's command timeout allow.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative (other than <see cref="Timeout.InfiniteTimeSpan"/>).</exception>
    public TimeSpan LockTimeout
    {
        get;
        init => field = value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan
            ? value
            : throw new ArgumentOutOfRangeException(nameof(LockTimeout), value, "The lock timeout must be positive, or Timeout.InfiniteTimeSpan to wait without end.");
    } = DefaultLockTimeout;

    /// <summary>
    /// What a load does with a reference to a record the store does not hold (one that <c>Remove</c>
    /// deleted while others still referred to it): <see cref="MissingReferenceHandling.Throw"/> (the
    /// default) or <see cref="MissingReferenceHandling.LoadAsNull"/>, with a warning in the log. A missing
    /// record asked for by <c>Load</c> itself always throws.
    /// </summary>
    public MissingReferenceHandling MissingReferences { get; init; }

    /// <summary>
    /// What a save does with an object whose record held members its class lacks (written by another version of the
    /// class): <see cref="DroppedMemberHandling.Warn"/> (the default) writes it without them and logs a warning;
    /// <see cref="DroppedMemberHandling.Refuse"/> throws <see cref="StoreException"/> and writes nothing, so that an
    /// older version of an application sharing the store never loses what a newer one wrote.
    /// </summary>
    public DroppedMemberHandling DroppedMembers { get; init; }
}
