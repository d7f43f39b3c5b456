using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Gc3.Persistence.Files;

namespace Gc3.Persistence;

/// <summary>
/// Opens a store from a URI, as gc3's <c>make_store</c> does: <c>file:///path</c> (also <c>file:/path</c>
/// and <c>file://localhost/path</c>) or a bare path for a <see cref="FilesystemStore"/>; a file URI with
/// another host, or that would name a place other than it seems to, is refused; other schemes (<c>sqlite</c>, <c>postgresql</c>) are registered by
/// the packages that provide them, as soon as the application references them.
/// </summary>
public static partial class StoreFactory
{
    private static readonly ConcurrentDictionary<string, Func<Uri, StoreOptions, IStore>> Constructors = new(StringComparer.OrdinalIgnoreCase);

    private static readonly Func<Uri, StoreOptions, IStore> OpenFileStore = static (uri, options) => new FilesystemStore(FileStoreUri.DirectoryOf(uri.OriginalString), options);

    static StoreFactory() => Register("file", OpenFileStore);

    /// <summary>The schemes <see cref="Make"/> knows, in alphabetical order.</summary>
    public static IReadOnlyList<string> Schemes => [.. Constructors.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// Opens the store <paramref name="uri"/> names. A scheme such as <c>postgresql+npgsql</c> falls
    /// back to the part before <c>+</c>; text without a scheme is a directory for a file store.
    /// </summary>
    /// <exception cref="ArgumentException">The URI is malformed, is a connection string (<c>Host=...;Database=...</c>) rather than a URI, or no store is registered for its scheme (the message lists those that are).</exception>
    public static IStore Make(string uri, StoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        options ??= new StoreOptions();
        if (SchemePattern().Match(uri) is not { Success: true } schemeMatch)
        {
            // A connection string would silently become a directory named after it, holding an empty store.
            if (ConnectionStringPattern().IsMatch(uri))
            {
                // Only its keys: a connection string's values may hold a password.
                var keys = uri.Split(';').Select(part => part.Split('=')[0].Trim()).Where(key => key.Length > 0);
                throw new ArgumentException(
                    $"The store text looks like a connection string (keys {string.Join(", ", keys)}), not a store URI: text without a scheme names the directory of a file store. "
                    + "Write the store as a URI: postgresql://user:password@host:5432/db, sqlite:///path/to/jobs.db, or file:///path for a directory whose name this is.",
                    nameof(uri));
            }

            return new FilesystemStore(uri, options);
        }

        // file: URIs are read from the text as written (Uri refuses file:/abs and makes file://jobs \\jobs).
        if (schemeMatch.Value.Equals("file:", StringComparison.OrdinalIgnoreCase)
            && Constructors.TryGetValue("file", out var fileConstructor) && fileConstructor == OpenFileStore)
        {
            return new FilesystemStore(FileStoreUri.DirectoryOf(uri), options);
        }

        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            throw new ArgumentException(
                $"'{Id.Escape(uri)}' is not a valid store URI: is what follows '//' a host name, with an optional port? A path without a host starts with three slashes, as in {schemeMatch.Value}///path.",
                nameof(uri));
        }

        var scheme = parsed.Scheme;
        if (Constructors.TryGetValue(scheme, out var constructor)
            || (scheme.IndexOf('+') is > 0 and var plus && Constructors.TryGetValue(scheme[..plus], out constructor)))
        {
            return constructor(parsed, options);
        }

        throw new ArgumentException(
            $"No store is registered for the scheme '{scheme}' of '{Id.Escape(uri)}'. Known schemes: {string.Join(", ", Schemes)}. " +
            "Reference the package that provides it (Gc3.Persistence.Sqlite for sqlite, Gc3.Persistence.Postgres for postgresql) from the application's project: " +
            "the Gc3.Persistence generator registers its scheme there at start-up. A project the generator does not run in calls StoreFactory.Register instead.",
            nameof(uri));
    }

    /// <summary>Makes <see cref="Make"/> open URIs with <paramref name="scheme"/> through <paramref name="constructor"/>; registering a scheme again replaces it.</summary>
    public static void Register(string scheme, Func<Uri, StoreOptions, IStore> constructor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scheme);
        ArgumentNullException.ThrowIfNull(constructor);
        if (!SchemeNamePattern().IsMatch(scheme))
        {
            throw new ArgumentException($"'{Id.Escape(scheme)}' is not a valid URI scheme.", nameof(scheme));
        }

        Constructors[scheme] = constructor;
    }

    // A scheme needs two letters at least, so that a Windows path such as C:\jobs stays a path.
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]+:")]
    private static partial Regex SchemePattern();

    // The first keyword of an ADO.NET connection string (Npgsql's or Microsoft.Data.Sqlite's): 'Host=db;Database=jobs'.
    [GeneratedRegex(@"^\s*(host|server|data\s*source|database|username|user\s*id|password|port|filename)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*$")]
    private static partial Regex SchemeNamePattern();
}
