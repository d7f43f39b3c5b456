namespace Gc3.Persistence.Files;

/// <summary>
/// Reads the directory a <c>file:</c> URI names, as RFC 8089 and a user reading it expect:
/// <c>file:///abs</c>, <c>file:/abs</c> and <c>file://localhost/abs</c> are <c>/abs</c>. What would
/// open another place without a word is refused with the URI to write instead: a host name (a
/// remote machine, or a relative path written with two slashes, <c>file://jobs</c>), a path starting
/// with <c>//</c> (a Windows share to some tools), no path, a relative path, a query or a fragment.
/// <see cref="Uri.LocalPath"/> would make <c>file://jobs</c> the directory <c>\\jobs</c> under the current one.
/// </summary>
internal static class FileStoreUri
{
    /// <summary>The directory <paramref name="uri"/> names.</summary>
    /// <exception cref="ArgumentException">The URI does not name a local directory; the message says what to write instead.</exception>
    public static string DirectoryOf(string uri)
    {
        var shown = Id.Escape(uri);
        var rest = uri[(uri.IndexOf(':', StringComparison.Ordinal) + 1)..];
        if (rest.Contains('?', StringComparison.Ordinal))
        {
            throw Refused($"'{shown}' has a query ('?...'), but a file store URI takes none (write a '?' in a directory's name as %3F).");
        }

        if (rest.Contains('#', StringComparison.Ordinal))
        {
            throw Refused($"'{shown}' has a fragment ('#...'), but a file store URI takes none (write a '#' in a directory's name as %23).");
        }

        string path;
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var pathStart = rest.IndexOf('/', 2);
            var host = pathStart < 0 ? rest[2..] : rest[2..pathStart];
            path = pathStart < 0 ? string.Empty : rest[pathStart..];
            if (host.Length > 0 && !host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                var local = Uri.UnescapeDataString(host + path);
                throw Refused(
                    $"'{shown}' names the machine '{Id.Escape(host)}': file URIs with a host name a remote machine, which a file store cannot open. " +
                    $"For the local directory /{Id.Escape(local)} write file:///{Id.Escape(host + path)}; for '{Id.Escape(local)}' under the current directory, write just that path.");
            }

            if (path.StartsWith("//", StringComparison.Ordinal))
            {
                throw Refused(
                    $"'{shown}' has a path starting with '//', which some tools take for a Windows network share: for the local directory, write file:///{Id.Escape(path.TrimStart('/'))}.");
            }
        }
        else if (rest.StartsWith('/'))
        {
            path = rest; // file:/abs, the short form of RFC 8089
        }
        else
        {
            throw Refused(
                $"'{shown}' has no absolute path: write file:///absolute/path, or just the path '{Id.Escape(Uri.UnescapeDataString(rest))}' for a directory under the current one.");
        }

        if (path.Length == 0)
        {
            throw Refused($"'{shown}' names no directory: write file:///absolute/path.");
        }

        path = Uri.UnescapeDataString(path);

        // file:///C:/jobs on Windows: the slash before the drive letter is the URI's, not the path's.
        return OperatingSystem.IsWindows() && path.Length >= 3 && char.IsAsciiLetter(path[1]) && path[2] == ':' ? path[1..] : path;
    }

    private static ArgumentException Refused(string message) => new(message, "uri");
}
