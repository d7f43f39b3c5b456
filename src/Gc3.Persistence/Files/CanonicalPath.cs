namespace Gc3.Persistence.Files;

/// <summary>
/// The one name of a file or directory however it was reached (<c>realpath</c>): every symbolic link on the way
/// resolved, <c>.</c> and <c>..</c> taken as the system takes them (after the link before them). Stores name their
/// place by it, so that a directory opened as <c>/data/jobs</c> and through a link <c>/srv/jobs</c> is one place.
/// </summary>
/// <remarks>
/// Resolved once, when a store opens: a link changed afterwards does not move the store's place. A part that does not
/// exist (yet) is kept as it is; a loop of links, or more links than the system follows, leaves the path as given.
/// </remarks>
internal static class CanonicalPath
{
    private const int MaxLinks = 40; // Linux's MAXSYMLINKS

    /// <summary>The canonical form of the absolute path <paramref name="path"/> (its <c>..</c> not yet taken away: a link before one decides where it leads).</summary>
    public static string Of(string path)
    {
        var root = Path.GetPathRoot(path)!;
        var result = root;
        var pending = new Stack<string>(Parts(path[root.Length..]).Reverse());
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                result = Path.GetDirectoryName(result) ?? result; // the root's parent is the root
                continue;
            }

            var next = Path.Join(result, part);
            var target = LinkTargetOf(next);
            if (target is null)
            {
                result = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return Path.TrimEndingDirectorySeparator(path);
            }

            // The link's text is read in place of its name: from the root when absolute, else beside the link.
            if (Path.IsPathRooted(target))
            {
                result = Path.GetPathRoot(target)!;
                target = target[result.Length..];
            }

            foreach (var linked in Parts(target).Reverse())
            {
                pending.Push(linked);
            }
        }

        return Path.TrimEndingDirectorySeparator(result);
    }

    private static string[] Parts(string path)
        => path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);

    private static string? LinkTargetOf(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // not readable as a link (a part one may not search): kept as it is, as the store opened it
        }
    }
}
