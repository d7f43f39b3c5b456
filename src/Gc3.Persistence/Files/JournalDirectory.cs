using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Gc3.Persistence.Files;

/// <summary>
/// The journals of a file store's commits of several records, in the folder <c>.gc3-journal</c> of its
/// directory (a name starting with '.', so never a record), and their recovery after a crash.
/// </summary>
/// <remarks>
/// <para>
/// A commit writes every record to a temporary file, then its journal: the list of (record, temporary
/// file, inode, version the record had when checked) written under a temporary name, flushed when durable, and renamed to
/// <c>GUID.journal</c>. That rename is the commit point: a journal under its final name is always
/// whole. Then the temporaries are put in place and the journal is removed. The writer holds a lock
/// on the journal throughout (an advisory <c>flock</c>, dropped by the kernel when the process dies).
/// </para>
/// <para>
/// Recovery takes each journal whose lock is free (its writer is gone) and rolls the commit forward:
/// a record whose file already has the temporary's inode is done; a temporary still there is put in
/// place if the record file still has the version the commit checked under the write lock (the journal
/// says which; 0 for none), and otherwise dropped: another save or a removal changed it after the writer
/// died, and wins. (A journal without versions compares times: a record file written after the
/// journal wins.) A crash before the
/// commit point leaves only temporary files, which are no records and are removed later.
/// </para>
/// <para>
/// With <c>readOnly</c> (the store was opened read-only), <see cref="Recover"/> finishes and removes nothing,
/// and only waits for live writers' commits.
/// </para>
/// </remarks>
internal sealed class JournalDirectory(string storeDirectory, bool durable, ILogger logger, RecordRenamer renamer, RecordWriteLock writeLock, bool readOnly = false)
{
    /// <summary>The folder's name in the store's directory.</summary>
    public const string FolderName = ".gc3-journal";

    private const string Suffix = ".journal";
    private const string PartSuffix = ".journal.tmp";
    private const string Header = "gc3-commit 1";
    private const string Role = "the commit journal";

    // The longest line a journal holds: a record's name (a prefix of 128 characters, '.', 19 digits), its temporary's
    // (38 characters more), an inode (20 digits), a version (20 characters) and three tabs, in ASCII. A longer line is no journal's.
    private const int MaxLineBytes = 512;

    private readonly ReadOnlyFile _reader = new();
    private volatile bool _created;

    /// <summary>The folder's path.</summary>
    public string Path { get; } = System.IO.Path.Join(storeDirectory, FolderName);

    /// <summary>
    /// Writes the journal of a commit and makes it the commit point (flushed with its folder when the
    /// store is durable); the caller applies the commit and then calls <see cref="CommitJournal.Remove"/>.
    /// </summary>
    public CommitJournal Write(IReadOnlyList<JournalEntry> entries)
    {
        EnsureFolder();
        var name = Guid.NewGuid().ToString("N");
        var part = System.IO.Path.Join(Path, name + PartSuffix);
        var path = System.IO.Path.Join(Path, name + Suffix);
        var handle = CreateLocked(part);
        try
        {
            var text = new StringBuilder(Header.Length + 2 + (entries.Count * 64));
            text.Append(Header).Append('\n');
            foreach (var entry in entries)
            {
                text.Append(entry.Final).Append('\t').Append(entry.Temporary).Append('\t')
                    .Append(entry.Inode.ToString(CultureInfo.InvariantCulture));
                if (entry.Version is { } version)
                {
                    text.Append('\t').Append(version.ToString(CultureInfo.InvariantCulture));
                }

                text.Append('\n');
            }

            text.Append("end ").Append(entries.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            RandomAccess.Write(handle, Encoding.UTF8.GetBytes(text.ToString()), 0);
            if (durable)
            {
                RandomAccess.FlushToDisk(handle);
            }

            File.Move(part, path, overwrite: true);
            if (durable && OperatingSystem.IsLinux())
            {
                LinuxFiles.FlushDirectory(Path);
            }

            return new CommitJournal(handle, path);
        }
        catch
        {
            handle.Dispose();
            TryDelete(part);
            throw;
        }
    }

    /// <summary>
    /// Finishes every commit whose writer is gone; with <paramref name="waitForLive"/>, first waits for
    /// those still in flight (up to <see cref="StoreOptions.LockTimeout"/> each). Returns how many commits ended meanwhile (finished here
    /// or by their writer), so that a reader knows whether looking again can find more; journals that
    /// are damaged, not ours, or still held do not count.
    /// </summary>
    /// <exception cref="IOException">
    /// With <paramref name="waitForLive"/>: a commit was still in flight after the wait (its writer stopped, not killed), so
    /// what the reader looks for may be about to be put in place; the message names the journal. Read-only, also when the
    /// journal of a killed writer's commit names <paramref name="sought"/>, the record a reader missed: finishing it puts
    /// that record in place, so the reader is not told there is none.
    /// </exception>
    public int Recover(bool waitForLive, string? sought = null)
    {
        if (!FolderExists())
        {
            return 0;
        }

        var ended = 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(Path))
        {
            var name = System.IO.Path.GetFileName(file);
            if (name.EndsWith(Suffix, StringComparison.Ordinal))
            {
                ended += RecoverOne(file, waitForLive, sought) ? 1 : 0;
            }
            else if (!readOnly && name.EndsWith(PartSuffix, StringComparison.Ordinal) && DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > TimeSpan.FromHours(1))
            {
                // A journal its writer never finished: the commit never happened (its temporaries are removed with the others).
                logger.LogInformation("Removing {Path}, the unfinished journal of a save interrupted before its commit.", file);
                TryDelete(file);
            }
        }

        return ended;
    }

    /// <summary>
    /// The journals whose writer is gone (their lock is free), which a store opened for writing would finish: looked at,
    /// never changed (a read-only store's). Damaged journals and those that are not regular files are left out, with the
    /// warning recovery gives.
    /// </summary>
    public IReadOnlyList<string> Unfinished()
    {
        var unfinished = new List<string>();
        if (!FolderExists())
        {
            return unfinished;
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(Path))
        {
            if (file.EndsWith(Suffix, StringComparison.Ordinal) && IsAbandoned(file))
            {
                unfinished.Add(file);
            }
        }

        unfinished.Sort(StringComparer.Ordinal);
        return unfinished;
    }

    // Whether the journal at path is a whole journal whose writer is gone (its lock taken and let go of here, which writes nothing).
    private bool IsAbandoned(string path)
    {
        if (LinuxFiles.Available && LinuxFiles.KindOf(path, Role) is var kind && kind is not (LinuxFiles.Kind.Regular or LinuxFiles.Kind.Missing))
        {
            logger.LogWarning(StoreLogEvents.Skipped, "Ignoring {Path}: {Problem}", path, LinuxFiles.NotRegular(kind, path, Role).Message);
            return false;
        }

        SafeFileHandle? handle;
        try
        {
            handle = OpenLocked(path, wait: false);
        }
        catch (FileNotFoundException)
        {
            return false; // finished meanwhile
        }

        using (handle)
        {
            if (handle is null || !File.Exists(path))
            {
                return false; // its writer is alive, or finished it
            }

            if (ReadEntries(handle, apply: null) < 0)
            {
                logger.LogWarning(StoreLogEvents.Skipped, "Ignoring {Path}: it is not a whole commit journal of this store.", path);
                return false;
            }

            return true;
        }
    }

    /// <summary>Puts one entry's temporary in place, as recovery does (shared with the tests of recovery).</summary>
    internal void RollForward(JournalEntry entry, DateTime committedAt)
    {
        var final = System.IO.Path.Join(storeDirectory, entry.Final);
        var temporary = System.IO.Path.Join(storeDirectory, entry.Temporary);
        if (entry.Inode != 0 && LinuxFiles.Available)
        {
            if (LinuxFiles.InodeOf(final) == entry.Inode)
            {
                TryDelete(temporary); // done; what is left under the temporary name is the old record, if anything
                return;
            }

            if (LinuxFiles.InodeOf(temporary) != entry.Inode)
            {
                return; // put in place and replaced since (or removed): nothing to do
            }
        }
        else if (!File.Exists(temporary))
        {
            return;
        }

        if (entry.Version is { } version ? VersionOf(final) != version : File.Exists(final) && File.GetLastWriteTimeUtc(final) > committedAt)
        {
            // Not the record the commit checked (or, in a journal without versions, written after it): a later save,
            // which waited for the write lock the commit's writer held until it died, and wins.
            TryDelete(temporary);
            return;
        }

        if (renamer.Install(temporary, final))
        {
            TryDelete(temporary);
        }
    }

    // The version of the record file at path (0: none); long.MinValue, never a version a commit checked, when it is no regular file.
    private long VersionOf(string path)
    {
        try
        {
            return _reader.VersionOf(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return long.MinValue;
        }
    }

    // Whether the commit ended: finished here, or by its writer meanwhile.
    private bool RecoverOne(string path, bool waitForLive, string? sought)
    {
        // A FIFO, a link or a device named like a journal is none (this store writes its journals as files): ignored,
        // as a damaged journal is, rather than making every open of the store fail.
        if (LinuxFiles.Available && LinuxFiles.KindOf(path, Role) is var kind && kind is not (LinuxFiles.Kind.Regular or LinuxFiles.Kind.Missing))
        {
            logger.LogWarning(StoreLogEvents.Skipped, "Ignoring {Path}: {Problem}", path, LinuxFiles.NotRegular(kind, path, Role).Message);
            return false;
        }

        SafeFileHandle? handle;
        try
        {
            handle = OpenLocked(path, waitForLive);
        }
        catch (FileNotFoundException)
        {
            return true; // finished meanwhile
        }

        if (handle is null)
        {
            // Its writer is alive and finishes it; one that a reader waited for this long is stopped, and the reader
            // cannot tell whether what it looks for is missing or about to be put in place: it says so rather than guess.
            return waitForLive
                ? throw LockWait.TimedOutReading(path, "the journal of a commit in flight", writeLock.Timeout, "the commit it names may be about to put this record in place, so the store cannot tell whether the record exists")
                : false;
        }

        using (handle)
        {
            if (!File.Exists(path))
            {
                return true; // its writer finished it and removed it before letting go of the lock
            }

            if (readOnly)
            {
                // Its writer is gone: a read-only store cannot finish it (the store named it when it opened).
                var named = false;
                if (sought is not null && ReadEntries(handle, entry => named |= entry.Final == sought) >= 0 && named)
                {
                    throw new IOException(
                        $"it is not in place: the commit journal '{path}' of a save that a killed process left unfinished puts it there, "
                        + "and a store opened read-only (StoreOptions.ReadOnly) cannot finish that save; open the store for writing to finish it");
                }

                return false;
            }

            // Read twice, line by line, rather than whole: a sparse or hostile file of any length costs a buffer, not its length.
            var count = ReadEntries(handle, apply: null);
            if (count < 0)
            {
                logger.LogWarning(StoreLogEvents.Skipped, "Ignoring {Path}: it is not a whole commit journal of this store.", path);
                return false;
            }

            // Under the write lock, as a save's own install: a save that checked a record's version is not undone by this.
            using (writeLock.Enter())
            {
                var committedAt = File.GetLastWriteTimeUtc(handle);
                if (ReadEntries(handle, entry => RollForward(entry, committedAt)) != count)
                {
                    logger.LogWarning("Ignoring the rest of {Path}: it changed while it was being read.", path);
                    return false;
                }

                if (durable && OperatingSystem.IsLinux())
                {
                    LinuxFiles.FlushDirectory(storeDirectory);
                }
            }

            TryDelete(path);
            if (count > 0)
            {
                logger.LogWarning("Finished a save of {Count} records that was interrupted after its commit ({Path}).", count, path);
            }

            return true;
        }
    }

    // Hands each entry of the journal to apply (when given) and returns how many it has; -1, having handed over none
    // past the first bad line, when the journal is damaged or not ours: the header, entries, "end COUNT", nothing more.
    private static int ReadEntries(SafeFileHandle handle, Action<JournalEntry>? apply)
    {
        var count = 0;
        var header = false;
        var end = false;
        foreach (var line in Lines(handle))
        {
            if (line is null || end)
            {
                return -1;
            }

            if (!header)
            {
                if (line != Header)
                {
                    return -1;
                }

                header = true;
            }
            else if (line.StartsWith("end ", StringComparison.Ordinal))
            {
                if (line != "end " + count.ToString(CultureInfo.InvariantCulture))
                {
                    return -1;
                }

                end = true;
            }
            else
            {
                var parts = line.Split('\t');
                long version = 0;
                if (parts.Length is not (3 or 4) || !IsRecordName(parts[0]) || !IsTemporaryOf(parts[1], parts[0])
                    || !ulong.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
                    || (parts.Length == 4 && !long.TryParse(parts[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out version)))
                {
                    return -1;
                }

                count++;
                apply?.Invoke(new JournalEntry(parts[0], parts[1], inode, Version: parts.Length == 4 ? version : null));
            }
        }

        return end ? count : -1;
    }

    // The journal's lines, without their '\n'; null for a line longer than any journal's, or a last one without its '\n'.
    private static IEnumerable<string?> Lines(SafeFileHandle handle)
    {
        var buffer = new byte[4096];
        var line = new byte[MaxLineBytes];
        var length = 0;
        long offset = 0;
        int read;
        while ((read = RandomAccess.Read(handle, buffer, offset)) > 0)
        {
            offset += read;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == (byte)'\n')
                {
                    yield return Encoding.UTF8.GetString(line, 0, length);
                    length = 0;
                }
                else if (length == line.Length)
                {
                    yield return null;
                    yield break;
                }
                else
                {
                    line[length++] = buffer[i];
                }
            }
        }

        if (length > 0)
        {
            yield return null;
        }
    }

    // Only an ID's canonical name is a record, and only its own temporaries are put in its place.
    private static bool IsRecordName(string name) => Id.TryParse(name, out var id) && id.ToString() == name;

    private static bool IsTemporaryOf(string temporary, string final)
        => temporary.Length == final.Length + 38 && temporary[0] == '.'
            && temporary.AsSpan(1).StartsWith(final, StringComparison.Ordinal)
            && temporary[final.Length + 1] == '.'
            && temporary.AsSpan(final.Length + 2, 32).ContainsAnyExcept("0123456789abcdef") is false
            && temporary.EndsWith(".tmp", StringComparison.Ordinal);

    private void EnsureFolder()
    {
        if (_created)
        {
            return;
        }

        if (!FolderExists())
        {
            System.IO.Directory.CreateDirectory(Path);
            if (durable && OperatingSystem.IsLinux())
            {
                LinuxFiles.FlushDirectory(storeDirectory);
            }
        }

        _created = true;
    }

    // The folder, refused when something else stands there (a link could lead outside the store).
    private bool FolderExists()
    {
        if (LinuxFiles.Available)
        {
            // Anything else there is named for what it is not: a directory (a plain file is no "not a regular file").
            return LinuxFiles.KindOf(Path, Role + " folder") switch
            {
                LinuxFiles.Kind.Missing => false,
                LinuxFiles.Kind.Directory => true,
                LinuxFiles.Kind.SymbolicLink => throw LinuxFiles.NotRegular(LinuxFiles.Kind.SymbolicLink, Path, Role + " folder"),
                _ => throw NotAFolder(),
            };
        }

        return new DirectoryInfo(Path) is { Exists: true } folder && folder.LinkTarget is null
            ? true
            : File.Exists(Path) || new FileInfo(Path).LinkTarget is not null
                ? throw NotAFolder()
                : false;
    }

    private IOException NotAFolder() => new($"The commit journal folder '{Path}' is not a directory: a file store keeps its journals there.");

    private static SafeFileHandle CreateLocked(string path)
    {
        if (!LinuxFiles.Available)
        {
            return File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        }

        var handle = LinuxFiles.OpenRegular(path, LinuxFiles.ReadWrite | LinuxFiles.Create | LinuxFiles.Exclusive, Role, out _)!;
        if (!LinuxFiles.TryLock(handle, path, Role))
        {
            handle.Dispose();
            throw new IOException($"The new commit journal '{path}' is locked by another process.");
        }

        return handle;
    }

    // The journal with its lock; null when its writer still holds it (after waiting, when asked to).
    private SafeFileHandle? OpenLocked(string path, bool wait)
    {
        var waited = LockWait.Start(writeLock.Timeout);
        if (!LinuxFiles.Available)
        {
            while (true)
            {
                try
                {
                    return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.None);
                }
                catch (IOException e) when (e is not FileNotFoundException)
                {
                    if (!wait || waited.Expired)
                    {
                        return null;
                    }

                    Thread.Sleep(5);
                }
            }
        }

        var handle = LinuxFiles.OpenRegular(path, LinuxFiles.ReadOnly, Role, out _)!;
        var pause = 1;
        while (!LinuxFiles.TryLock(handle, path, Role))
        {
            if (!wait || waited.Expired)
            {
                handle.Dispose();
                return null;
            }

            Thread.Sleep(pause);
            pause = Math.Min(pause * 2, 20);
        }

        return handle;
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not remove {Path}.", path);
        }
    }
}
