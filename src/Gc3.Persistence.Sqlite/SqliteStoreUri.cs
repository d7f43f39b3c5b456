namespace Gc3.Persistence.Sqlite;

/// <summary>
/// Reads <c>sqlite:///absolute/path.db</c>, <c>sqlite://relative/path.db</c> and, for a database in
/// memory, <c>sqlite:///:memory:</c> (each optionally with <c>#table=NAME</c>) from the text as written: <see cref="Uri"/> would lower-case the first
/// folder of a relative path, which it takes for a host name.
/// </summary>
internal static class SqliteStoreUri
{
    public static SqliteStore Open(Uri uri, StoreOptions options)
    {
        var text = uri.OriginalString;
        var start = text.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new ArgumentException($"'{text}' is not an SQLite store URI: use sqlite:///absolute/path.db or sqlite://relative/path.db.", nameof(uri));
        }

        var rest = text[(start + 3)..];
        string? fragment = null;
        if (rest.IndexOf('#') is >= 0 and var hash)
        {
            fragment = rest[(hash + 1)..];
            rest = rest[..hash];
        }

        if (rest.Contains('?', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{text}' has a query ('?...'), but SQLite store URIs take none: use sqlite:///path.db#table=NAME.", nameof(uri));
        }

        var path = Uri.UnescapeDataString(rest);

        // SQLite's name for a database in memory, not a file at the root (sqlite://:memory: is no valid URI).
        if (path == "/" + SqliteStore.InMemoryPath)
        {
            return SqliteStore.InMemory(SqlNames.TableFromUriFragment(fragment), options);
        }

        // sqlite:///C:/jobs.db on Windows: the slash before the drive letter is the URI's, not the path's.
        if (path.Length >= 3 && path[0] == '/' && char.IsAsciiLetter(path[1]) && path[2] == ':')
        {
            path = path[1..];
        }

        if (path.Length == 0 || path == "/")
        {
            throw new ArgumentException($"'{text}' names no database file: use sqlite:///absolute/path.db or sqlite://relative/path.db.", nameof(uri));
        }

        return new SqliteStore(path, SqlNames.TableFromUriFragment(fragment), options);
    }
}
