using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Gc3.Persistence.Files;

namespace Gc3.Persistence;

/// <summary>
/// Opens a store from a URI, as gc3's <c>make_store</c> does: <c>file:///path</c> or a bare path for
/// a <see cref="FilesystemStore"/>; other schemes (<c>sqlite</c>, <c>postgresql</c>) are registered by
/// the packages that provide them, as soon as the application references them.
/// </summary>
public static partial class StoreFactory
{
    private static readonly ConcurrentDictionary<string, Func<Uri, StoreOptions, IStore>> Constructors = new(StringComparer.OrdinalIgnoreCase);

    static StoreFactory() => Register("file", static (uri, options) => new FilesystemStore(uri.LocalPath, options));

    /// <summary>The schemes <see cref="Make"/> knows, in alphabetical order.</summary>
    public static IReadOnlyList<string> Schemes => [.. Constructors.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// Opens the store <paramref name="uri"/> names. A scheme such as <c>postgresql+npgsql</c> falls
    /// back to the part before <c>+</c>; text without a scheme is a directory for a file store.
    /// </summary>
    /// <exception cref="ArgumentException">The URI is malformed, or no store is registered for its scheme (the message lists those that are).</exception>
    public static IStore Make(string uri, StoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        options ??= new StoreOptions();
        if (!SchemePattern().IsMatch(uri))
        {
            return new FilesystemStore(uri, options);
        }

        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            throw new ArgumentException($"'{Id.Escape(uri)}' is not a valid store URI.", nameof(uri));
        }

        var scheme = parsed.Scheme;
        if (Constructors.TryGetValue(scheme, out var constructor)
            || (scheme.IndexOf('+') is > 0 and var plus && Constructors.TryGetValue(scheme[..plus], out constructor)))
        {
            return constructor(parsed, options);
        }

        throw new ArgumentException(
            $"No store is registered for the scheme '{scheme}' of '{Id.Escape(uri)}'. Known schemes: {string.Join(", ", Schemes)}. " +
            "Reference the package that provides it (Gc3.Persistence.Sqlite for sqlite, Gc3.Persistence.Postgres for postgresql), or call StoreFactory.Register.",
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

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*$")]
    private static partial Regex SchemeNamePattern();
}
