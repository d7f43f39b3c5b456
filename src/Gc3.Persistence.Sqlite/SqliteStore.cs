using System.Data.Common;
using Gc3.Persistence.Files;
using Microsoft.Data.Sqlite;

namespace Gc3.Persistence.Sqlite;

/// <summary>
/// Keeps records in a table of an SQLite database file: embedded, nothing to install, and safe
/// to share between the processes of one machine (write-ahead logging; writers take turns).
/// Opened by <see cref="StoreFactory.Make"/> for <c>sqlite:///absolute/path.db</c> and
/// <c>sqlite://relative/path.db</c>, optionally with <c>#table=NAME</c>; <c>sqlite:///:memory:</c> opens
/// a database in memory, private to the store and gone when it is disposed.
/// </summary>
/// <remarks>
/// Commits use <c>synchronous=NORMAL</c>: a crashed process loses nothing, a power loss may lose the
/// last commits but never corrupts the database. Set <see cref="StoreOptions.Durable"/> for
/// <c>synchronous=FULL</c>, which waits for the disk on every commit.
/// </remarks>
public sealed class SqliteStore : SqlStore
{
    /// <summary>The <see cref="Path"/> of a store whose database is in memory.</summary>
    internal const string InMemoryPath = ":memory:";

    private readonly string _connectionString;

    // An in-memory database lives as long as a connection to it is open: this one, kept for the store's lifetime.
    private readonly SqliteConnection? _keepAlive;

    // A database file's place: its path with every link resolved (null in memory, where the store is its own place).
    private readonly string? _place;

    // The SQLite library is bound by a direct call (no reflection), which keeps Native AOT apps working.
    static SqliteStore() => SQLitePCL.Batteries_V2.Init();

    /// <summary>Opens (and creates if needed, with its parent folders, unless <see cref="StoreOptions.CreateIfMissing"/> is off) the database file <paramref name="path"/>.</summary>
    /// <param name="path">The database file; a relative path is taken from the current directory.</param>
    /// <param name="options">The store's options; a <see cref="SqlStoreOptions"/> for the table name and extra fields.</param>
    /// <exception cref="ArgumentException">The path or the table name is not valid.</exception>
    /// <exception cref="StoreNotFoundException">The file, or the store's table in it, does not exist and <see cref="StoreOptions.CreateIfMissing"/> is off or <see cref="StoreOptions.ReadOnly"/> on.</exception>
    public SqliteStore(string path, StoreOptions? options = null)
        : this(path, null, options)
    {
    }

    internal SqliteStore(string path, string? uriTableName, StoreOptions? options)
        : this(path, uriTableName, inMemory: false, options)
    {
    }

    private SqliteStore(string path, string? uriTableName, bool inMemory, StoreOptions? options)
        : base(new SqliteDialect(options?.Durable ?? false, options?.LockTimeout ?? StoreOptions.DefaultLockTimeout, options?.ReadOnly ?? false), uriTableName, options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (inMemory)
        {
            // Every connection of the store (its pool holds several) reaches one database, named for
            // this store alone, in SQLite's shared cache.
            Path = InMemoryPath;
            _connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = $"gc3-{Guid.NewGuid():N}",
                Mode = SqliteOpenMode.Memory,
                Cache = SqliteCacheMode.Shared,
                Pooling = false,
                DefaultTimeout = SqliteDialect.CommandTimeoutSeconds(Options.LockTimeout),
            }.ToString();
            _keepAlive = new SqliteConnection(_connectionString);
            try
            {
                _keepAlive.Open();
                Open();
            }
            catch
            {
                _keepAlive.Dispose();
                throw;
            }

            return;
        }

        if (path.Trim() == ":memory:" || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"'{path}' is not a database file: for a database in memory, open the URI sqlite:///:memory: with StoreFactory.Make.",
                nameof(path));
        }

        Path = System.IO.Path.GetFullPath(path);
        var create = Options.CreateIfMissing && !Options.ReadOnly;
        if (!create && !File.Exists(Path))
        {
            throw new StoreNotFoundException($"sqlite://{Path}", $"the database file '{Path}' does not exist{(Options.ReadOnly ? " (a store opened read-only creates none)" : "")}");
        }

        RefuseFileThatIsNoDatabase(Path);
        if (create && System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        // Before Open: opening may load records already (to fill new columns), and they belong to the place.
        _place = $"sqlite://{CanonicalPath.Of(Path)}#table={TableName}";
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            // Read-only, SQLite itself refuses every write: even a bug of the store's cannot change the file.
            Mode = Options.ReadOnly ? SqliteOpenMode.ReadOnly : create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,

            // The store keeps its own connections with their prepared statements; when it is disposed the file is closed.
            Pooling = false,
            DefaultTimeout = SqliteDialect.CommandTimeoutSeconds(Options.LockTimeout),
        }.ToString();
        try
        {
            Open();
        }
        catch (StoreException e) when (e.InnerException is SqliteException { SqliteErrorCode: 8 or 14 } && !CanWriteBeside(Path))
        {
            // SQLITE_READONLY / SQLITE_CANTOPEN say little: a WAL database needs its folder writable.
            throw new StoreException(
                $"{e.Message} The folder '{System.IO.Path.GetDirectoryName(Path)}' cannot be written (a read-only file system or no permission); "
                + "an SQLite store in WAL mode needs to write its -wal and -shm files beside the database, also to read.",
                e.InnerException);
        }
    }

    // SQLite takes a non-empty file shorter than its 100-byte header for an empty database and writes one over it;
    // a longer one it refuses only when first read. Either way the file is someone's: refuse it untouched.
    private static void RefuseFileThatIsNoDatabase(string path)
    {
        if (new FileInfo(path) is not { Exists: true, Length: > 0 })
        {
            return; // no file, an empty one (SQLite's to fill), or no regular file: a FIFO, opened to read, would block
        }

        var header = "SQLite format 3\0"u8;
        Span<byte> start = stackalloc byte[header.Length];
        int read;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // a folder or a file it cannot read: SQLite says what it finds
        }

        if (read > 0 && !start[..read].SequenceEqual(header))
        {
            throw new StoreException(
                $"Opening the store sqlite://{path} failed: the file is not an SQLite database (it does not begin with SQLite's header), "
                + "and the store leaves it as it is. Name a new file, or the database the store created.");
        }
    }

    /// <summary>The database file, as an absolute path; <c>:memory:</c> for a database in memory.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public override string ToString() => _keepAlive is null ? $"sqlite://{Path}#table={TableName}" : $"sqlite:///{Path}#table={TableName}";

    /// <inheritdoc/>
    /// <remarks>
    /// The database file with every link resolved, once, as the store opens (a file reached through a linked folder is
    /// one place, whose stores share their objects), and the table. A database in memory is private to its store: the
    /// store is its own place.
    /// </remarks>
    protected override string Location => _place ?? base.Location;

    /// <summary>A store whose database is in memory, private to it (<c>sqlite:///:memory:</c>).</summary>
    internal static SqliteStore InMemory(string? uriTableName, StoreOptions? options) => new(InMemoryPath, uriTableName, inMemory: true, options);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _keepAlive?.Dispose(); // the last connection: the database is gone
        }
    }

    /// <inheritdoc/>
    protected override string DbSystemName => "sqlite";

    // Only on a failed open: whether a file can be created beside the database.
    private static bool CanWriteBeside(string path)
    {
        var probe = $"{path}.gc3-probe-{Guid.NewGuid():N}";
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    protected override DbConnection CreateConnection() => new SqliteConnection(_connectionString);
}
