namespace Gc3.Persistence.Files;

/// <summary>
/// Puts a record's temporary file in place of the record. A new record is renamed onto its free name, never
/// over a file that is there; an existing one is exchanged with its temporary file in one step (<c>RENAME_EXCHANGE</c>, see
/// <see cref="LinuxFiles.Exchange"/>), which leaves the old record under the temporary name for the
/// caller to unlink: readers see the old record or the new one, and ext4 does not write the new one
/// back at once as it does for a rename over an existing file. Where the kernel, the file system or
/// the system cannot exchange, a plain rename over the record does the same job more slowly.
/// </summary>
internal sealed class RecordRenamer
{
    private const string Role = "the record file";
    private volatile bool _canExchange = LinuxFiles.Available;
    private volatile bool _canRenameNoReplace = LinuxFiles.Available;

    /// <summary>Replaces records by a plain rename from now on, as where the file system cannot exchange two files (tests).</summary>
    internal void ExchangeUnsupported() => _canExchange = false;

    /// <summary>
    /// Puts <paramref name="temporary"/> in place as the new record <paramref name="final"/>, only if nothing is there:
    /// an ID given as new that already has a record (a counter rolled back) must not replace it.
    /// </summary>
    /// <returns>Whether it was put in place; <see langword="false"/> when something is at <paramref name="final"/> (nothing changed).</returns>
    public bool TryInstallNew(string temporary, string final)
    {
        if (_canRenameNoReplace)
        {
            switch (LinuxFiles.RenameNoReplace(temporary, final, Role))
            {
                case LinuxFiles.RenameResult.Done:
                    return true;
                case LinuxFiles.RenameResult.TargetExists:
                    return false;
                default:
                    _canRenameNoReplace = false;
                    break;
            }
        }

        try
        {
            File.Move(temporary, final, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(final) || Directory.Exists(final))
        {
            return false;
        }
    }

    /// <summary>Installs <paramref name="temporary"/> as <paramref name="final"/>, replacing the record there if there is one.</summary>
    /// <returns>Whether the files were exchanged, so that the old record is now at <paramref name="temporary"/>.</returns>
    public bool Install(string temporary, string final)
    {
        if (_canExchange)
        {
            switch (LinuxFiles.Exchange(temporary, final, Role))
            {
                case LinuxFiles.RenameResult.Done:
                    return true;
                case LinuxFiles.RenameResult.Unsupported:
                    _canExchange = false;
                    break;
            }
        }

        File.Move(temporary, final, overwrite: true);
        return false;
    }

    /// <summary>
    /// Undoes <see cref="Install"/>: the old record is back at <paramref name="final"/> (exchanged), or the
    /// name is free again (a new record). A record renamed over an old one cannot be undone: that throws.
    /// </summary>
    public static void Uninstall(string temporary, string final, bool exchanged, bool isNew)
    {
        if (exchanged)
        {
            if (LinuxFiles.Exchange(temporary, final, Role) != LinuxFiles.RenameResult.Done)
            {
                throw new IOException($"Could not put the record file '{final}' back: its old bytes stay in '{temporary}'.");
            }
        }
        else if (isNew)
        {
            File.Move(final, temporary, overwrite: true);
        }
        else
        {
            throw new IOException($"The record file '{final}' was replaced by a rename, which cannot be undone.");
        }
    }
}
