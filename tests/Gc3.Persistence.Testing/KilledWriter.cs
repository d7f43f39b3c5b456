using System.Globalization;

namespace Gc3.Persistence.Testing;

/// <summary>
/// What a process killed in a file store's save leaves, made by hand: the commit journal of a save past its commit point
/// whose record is still under its temporary name, and a temporary file of an older interrupted save.
/// </summary>
public static class KilledWriter
{
    /// <summary>
    /// Moves the record file of <paramref name="id"/> in the store <paramref name="directory"/> to a temporary name and writes
    /// the journal of a commit that puts it back (as a killed writer leaves it: no lock held); returns the journal's path.
    /// A store opened for writing finishes that commit, and the record is there again.
    /// </summary>
    public static string LeaveUnfinishedCommit(string directory, Id id)
    {
        var name = id.ToString();
        var temporary = $".{name}.{Guid.NewGuid():N}.tmp";
        File.Move(Path.Join(directory, name), Path.Join(directory, temporary));
        var journals = Directory.CreateDirectory(Path.Join(directory, ".gc3-journal")).FullName;
        var journal = Path.Join(journals, Guid.NewGuid().ToString("N") + ".journal");

        // inode 0 (unknown), version 0: the record had no file when the commit checked it.
        File.WriteAllText(journal, string.Create(CultureInfo.InvariantCulture, $"gc3-commit 1\n{name}\t{temporary}\t0\t0\nend 1\n"));
        return journal;
    }

    /// <summary>A temporary file of a save interrupted <paramref name="age"/> ago (a store opened for writing removes it after an hour); its path.</summary>
    public static string LeaveTemporary(string directory, string recordName, TimeSpan age)
    {
        var path = Path.Join(directory, $".{recordName}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(path, "left by a killed save");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    /// <summary>Every file and folder under <paramref name="folder"/>: its name, its modification time and its bytes, to compare before and after.</summary>
    public static List<string> Snapshot(string folder)
        => [.. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(path => File.Exists(path)
                ? string.Create(CultureInfo.InvariantCulture, $"{path} {File.GetLastWriteTimeUtc(path):O}: {Convert.ToHexString(File.ReadAllBytes(path))}")
                : string.Create(CultureInfo.InvariantCulture, $"{path} {Directory.GetLastWriteTimeUtc(path):O}: directory"))];
}
