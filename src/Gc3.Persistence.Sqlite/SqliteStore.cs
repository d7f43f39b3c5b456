using System.Data.Common;
using Gc3.Persistence.Sql;
using Microsoft.Data.Sqlite;

namespace Gc3.Persistence.Sqlite;

/// <summary>
/// Keeps records in a table of an SQLite database file: embedded, nothing to install, and safe
/// to share between the processes of one machine (write-ahead logging; writers take turns).
/// Opened by <see cref="StoreFactory.Make"/> for <c>sqlite:///absolute/path.db</c> and
/// <c>sqlite://relative/path.db</c>, optionally with <c>#table=NAME</c>.
/// </summary>
/// <remarks>
/// Commits use <c>synchronous=NORMAL</c>: a crashed process loses nothing, a power loss may lose the
/// last commits but never corrupts the database. Set <see cref="StoreOptions.Durable"/> for
/// <c>synchronous=FULL</c>, which waits for the disk on every commit.
/// </remarks>
public sealed class SqliteStore : SqlStore
{
    private readonly string _connectionString;

    // The SQLite library is bound by a direct call (no reflection), which keeps Native AOT apps working.
    static SqliteStore() => SQLitePCL.Batteries_V2.Init();

    /// <summary>Opens (and creates if needed, with its parent folders) the database file <paramref name="path"/>.</summary>
    /// <param name="path">The database file; a relative path is taken from the current directory.</param>
    /// <param name="options">The store's options; a <see cref="SqlStoreOptions"/> for the table name and extra fields.</param>
    /// <exception cref="ArgumentException">The path or the table name is not valid.</exception>
    public SqliteStore(string path, StoreOptions? options = null)
        : this(path, null, options)
    {
    }

    internal SqliteStore(string path, string? uriTableName, StoreOptions? options)
        : base(new SqliteDialect(options?.Durable ?? false), uriTableName, options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (path.Trim() == ":memory:" || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"'{path}' is not a database file: an SQLite store needs a file that all its connections share (use a temporary file instead of :memory:).",
                nameof(path));
        }

        Path = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,

            // The store keeps its own connections with their prepared statements; when it is disposed the file is closed.
            Pooling = false,
        }.ToString();
        Open();
    }

    /// <summary>The database file, as an absolute path.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public override string ToString() => $"sqlite://{Path}#table={TableName}";

    /// <inheritdoc/>
    protected override string DbSystemName => "sqlite";

    /// <inheritdoc/>
    protected override DbConnection CreateConnection() => new SqliteConnection(_connectionString);
}
