using System.Buffers;
using System.IO.Enumeration;
using Gc3.Persistence.Engine;
using Gc3.Persistence.Records;
using Gc3.Persistence.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Gc3.Persistence.Files;

/// <summary>
/// Keeps one file per ID in a directory, named after the ID (<c>job.42</c>). Each record is written
/// to a temporary file and put into place in one step, so a crash leaves the old record or the new
/// one, never a torn one. A save of several records (a graph, <c>SaveMany</c>) is one commit: every
/// record is written as a temporary file, then a journal naming them all (the commit point), then
/// they are put in place; a crash before the journal leaves nothing, one after it is finished by
/// the next process that opens the store or misses a record. IDs come from a counter file in the
/// directory, shared safely by threads and processes.
/// </summary>
public sealed partial class FilesystemStore : StoreBase
{
    /// <summary>The counter file's name; like every name starting with '.', it is not a record.</summary>
    public const string CounterFileName = ".gc3-next-id";

    private const string RecordRole = "the record file";
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    // What Directory.EnumerateFiles does: hidden files too, and an unreadable directory is an error.
    private static readonly EnumerationOptions ListOptions = new() { AttributesToSkip = 0, IgnoreInaccessible = false };
    private readonly SequenceCounterFile _counter;
    private readonly ReadOnlyFile _reader = new();
    private readonly RecordRenamer _renamer = new();
    private readonly RecordWriteLock _writeLock;
    private readonly JournalDirectory _journals;
    private readonly string _place;

    /// <summary>Opens (and creates if needed, unless <see cref="StoreOptions.CreateIfMissing"/> is off) a store in <paramref name="directory"/>.</summary>
    /// <exception cref="StoreNotFoundException">The directory does not exist and <see cref="StoreOptions.CreateIfMissing"/> is off or <see cref="StoreOptions.ReadOnly"/> on.</exception>
    public FilesystemStore(string directory, StoreOptions? options = null)
        : base(options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        // Without a trailing '/': "jobs/" is "jobs".
        Directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if ((!Options.CreateIfMissing || Options.ReadOnly) && !System.IO.Directory.Exists(Directory))
        {
            throw new StoreNotFoundException($"file://{Directory}", $"the directory '{Directory}' does not exist{(Options.ReadOnly ? " (a store opened read-only is never created)" : "")}");
        }

        if (!Options.ReadOnly)
        {
            CreateDirectory(Directory);
        }

        _place = $"file://{CanonicalPath.Of(Directory)}";
        _counter = new SequenceCounterFile(Path.Combine(Directory, CounterFileName), Directory, Options.Durable, Logger, Options.LockTimeout);
        // Numbers come from the counter file in doubling blocks, so one-off saves stay consecutive
        // (job.1, job.2) and bulk saves rarely lock the file.
        SetSequenceSource(new SequenceBlocks(_counter.Reserve, movePast: _counter.MovePast));

        // Commits that a crashed process left half done are finished before anything is read.
        _writeLock = new RecordWriteLock(Directory, Options.LockTimeout); // the journals wait as long
        _journals = new JournalDirectory(Directory, Options.Durable, Logger, _renamer, _writeLock, Options.ReadOnly);
        if (Options.ReadOnly)
        {
            // Nothing is finished or removed: the records are read as they are on disk, and the journals that say otherwise are named.
            UnfinishedCommitJournals = _journals.Unfinished();
            foreach (var journal in UnfinishedCommitJournals)
            {
                Logger.LogWarning(StoreLogEvents.UnfinishedCommit, "The commit journal {Path} holds a save that a killed process left unfinished; the store was opened read-only, so it reads the records as they are on disk. Opening the store for writing finishes the save.", journal);
            }

            return;
        }

        _journals.Recover(waitForLive: false);
        RemoveAbandonedTemporaries(Directory);
        RemoveAbandonedSchemaTemporaries();
    }

    /// <summary>
    /// The commit journals (<c>.gc3-journal/*.journal</c>) of saves that killed processes left unfinished, found when a
    /// store opened with <see cref="StoreOptions.ReadOnly"/> opened: it cannot finish them, so it reads the records as they
    /// are on disk, without what those saves wrote. Opening the store for writing finishes them. Always empty for a store
    /// opened for writing, which finishes them as it opens.
    /// </summary>
    public IReadOnlyList<string> UnfinishedCommitJournals { get; } = [];

    /// <summary>The store's directory, as an absolute path without a trailing separator.</summary>
    public string Directory { get; }

    /// <summary>How the store puts record files in place (tests make it rename as where files cannot be exchanged).</summary>
    internal RecordRenamer Renamer => _renamer;

    /// <summary>The path of the file that holds the record of <paramref name="id"/>.</summary>
    public string PathOf(Id id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Path.Join(Directory, id.ToString());
    }

    /// <inheritdoc/>
    public override string ToString() => $"file://{Directory}";

    /// <inheritdoc/>
    /// <remarks>
    /// The directory with every link resolved, once, as the store opens: opened as <c>/data/jobs</c> and through a
    /// link <c>/srv/jobs</c>, it is one place, whose stores share their objects. The store's <see cref="ToString"/>
    /// and <see cref="Directory"/> keep the path it was opened by.
    /// </remarks>
    protected override string Location => _place;

    /// <inheritdoc/>
    protected override string DbSystemName => PersistenceTelemetry.FileSystemName;

    /// <inheritdoc/>
    protected override string DbCollectionName => Path.GetFileName(Path.TrimEndingDirectorySeparator(Directory));

    /// <inheritdoc/>
    protected override ValueTask WriteRecordsAsync(IReadOnlyList<PendingRecord> records, bool async, CancellationToken cancellationToken)
    {
        // A schema the store does not keep yet is written, durably, before the first record that names it.
        var schemas = SchemasToKeep(records);
        if (schemas.Count > 0)
        {
            return WriteSchemasThenRecordsAsync(schemas, records, async, cancellationToken);
        }

        return records.Count switch
        {
            0 => ValueTask.CompletedTask,
            1 => WriteRecordAsync(records[0], async, cancellationToken), // one step is atomic already
            _ => CommitAsync(records, async, cancellationToken),
        };
    }

    /// <inheritdoc/>
    protected override async ValueTask<RecordData?> ReadRecordAsync(Id id, bool async, CancellationToken cancellationToken)
    {
        SafeFileHandle file;
        long length;
        try
        {
            file = _reader.Open(PathOf(id), async, out length);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Missing, or not yet in place: wait for the commits in flight (finishing those of crashed
            // processes), then look again; none in flight, it is missing.
            // (Read-only, it only waits for live writers: what a killed one left stays as it is.)
            return _journals.Recover(waitForLive: true, sought: id.ToString()) == 0 ? null : await ReadRecordAsync(id, async, cancellationToken).ConfigureAwait(false);
        }

        using (file)
        {
            // Against a damaged or hostile directory, nothing is allocated beyond what the record's own
            // size justifies: the file's length is checked first, then the length its header declares,
            // read with the first bytes (which hold all of a small record), before the rest is read.
            var max = Options.MaxRecordBytes;
            if (length > max)
            {
                throw new LoadException(id, $"the file '{PathOf(id)}' is {length} bytes long, more than the largest record this store reads ({max} bytes, StoreOptions.MaxRecordBytes)");
            }

            // The header is read into a buffer of its own size, so a file whose header does not match its
            // length costs no buffer of the file's size either.
            var first = (int)Math.Min(length, RecordFormat.MaxHeaderSize);
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(first, 1));
            try
            {
                var read = await ReadAtAsync(file, buffer, 0, first, async, cancellationToken).ConfigureAwait(false);
                var declared = RecordFormat.DeclaredLength(id, buffer.AsSpan(0, read));
                if (declared >= 0 && declared != length)
                {
                    throw new LoadException(id, declared < length
                        ? $"the record is corrupt: its header declares {declared} bytes, but the file '{PathOf(id)}' has {length}"
                        : $"the record is truncated: its header declares {declared} bytes, but the file '{PathOf(id)}' has {length}");
                }

                if (length > read && read == first)
                {
                    var whole = ArrayPool<byte>.Shared.Rent((int)length);
                    buffer.AsSpan(0, read).CopyTo(whole);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = whole;

                    // Reads until the length it saw, or the end of a file that shrank meanwhile (the record check then fails).
                    read += await ReadAtAsync(file, buffer, read, (int)length - read, async, cancellationToken).ConfigureAwait(false);
                }

                // The record's version is its fingerprint: a save checks that the file still has it (see CheckVersion).
                return new RecordData(buffer, read, Pooled: true, Version: (long)RecordFingerprint.Of(buffer.AsSpan(0, read)));
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }
    }

    // Reads count bytes at offset into buffer[offset..], fewer at the end of the file.
    private static async ValueTask<int> ReadAtAsync(SafeFileHandle file, byte[] buffer, int offset, int count, bool async, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < count)
        {
            var n = async
                ? await RandomAccess.ReadAsync(file, buffer.AsMemory(offset + read, count - read), offset + read, cancellationToken).ConfigureAwait(false)
                : RandomAccess.Read(file, buffer.AsSpan(offset + read, count - read), offset + read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }

    /// <inheritdoc/>
    protected override ValueTask<bool> DeleteRecordAsync(Id id, bool async, CancellationToken cancellationToken)
    {
        var path = PathOf(id);
        using var held = _writeLock.Enter(); // not between another save's check of the record and its install
        var existed = File.Exists(path);
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && System.IO.Directory.Exists(path))
        {
            throw LinuxFiles.NotRegular(LinuxFiles.Kind.Directory, path, RecordRole);
        }

        return ValueTask.FromResult(existed);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writeLock.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc/>
    protected override ValueTask<IReadOnlyList<Id>> ListIdsAsync(bool async, CancellationToken cancellationToken)
    {
        // File names are parsed in place and grouped by prefix (a store holds a few); each group is
        // sorted as plain numbers. Sorting Id objects and making a path string per file cost a third
        // of a List of 100,000 records.
        var groups = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var groupsByName = groups.GetAlternateLookup<ReadOnlySpan<char>>();
        var count = 0;
        var files = new FileSystemEnumerable<bool>(Directory, (ref FileSystemEntry entry) =>
        {
            if (!IsRecordEntry(ref entry, out var prefix, out var seqNo))
            {
                return false;
            }

            if (!groupsByName.TryGetValue(prefix, out var numbers))
            {
                numbers = [];
                groups.Add(prefix.ToString(), numbers);
            }

            numbers.Add(seqNo);
            count++;
            return true;
        }, ListOptions);
        foreach (var _ in files)
        {
        }

        var ids = new List<Id>(count);
        foreach (var (prefix, numbers) in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            numbers.Sort();
            foreach (var seqNo in numbers)
            {
                ids.Add(new Id(prefix, seqNo, validated: true));
            }
        }

        return ValueTask.FromResult<IReadOnlyList<Id>>(ids);
    }

    // Whether a directory entry is a record's file, and its ID's parts; an entry named like a record that is none is
    // said (StoreLogEvents.Skipped), once per listing: every listing of the folder (List, Count, the raw listings of
    // gc3p ls and dump) calls this. A name that parses costs no more than the parse.
    private bool IsRecordEntry(ref FileSystemEntry entry, out ReadOnlySpan<char> prefix, out long seqNo)
    {
        // Temporaries and the counter start with '.', which no ID does.
        if (!entry.IsDirectory && Id.TryParseParts(entry.FileName, out prefix, out seqNo))
        {
            return true;
        }

        prefix = default;
        seqNo = 0;
        if (!entry.IsDirectory && Id.IsPaddedId(entry.FileName))
        {
            Logger.LogWarning(StoreLogEvents.Skipped, "Skipping {Path}: the name of an ID's record has no zeros before its number, so this file is no record.", entry.ToFullPath());
        }
        else if (!entry.IsDirectory && Id.LooksLikeId(entry.FileName))
        {
            // A record renamed by hand, or a damaged name: never loaded nor listed, so said here (gc3p verify counts it).
            Logger.LogWarning(StoreLogEvents.Skipped, "Skipping {Path}: it is named like a record, but its name is no ID (PREFIX.NUMBER: a prefix of ASCII letters, digits, '_', '-' or '.', and a number of digits without a sign, up to 9223372036854775807), so this file is no record.", entry.ToFullPath());
        }
        else if (entry.IsDirectory && Id.TryParseParts(entry.FileName, out _, out _))
        {
            // Named like a record, it stands where that record would go: a save of the ID fails, and a listing says why.
            // (IsDirectory follows a symbolic link; the entry's attributes say whether it is one.)
            var what = entry.Attributes.HasFlag(FileAttributes.ReparsePoint) ? "a symbolic link to a directory, named like a record," : "a directory named like a record";
            Logger.LogWarning(StoreLogEvents.Skipped, "Skipping {Path}: {What} is no record.", entry.ToFullPath(), what);
        }

        return false;
    }

    private async ValueTask WriteRecordAsync(PendingRecord record, bool async, CancellationToken cancellationToken)
    {
        var path = PathOf(record.Id);
        var temporary = TemporaryPathOf(record.Id);
        var exchanged = await WriteFileAsync(temporary, path, record.Data, RecordRole, record, record.ExpectedVersion == 0 ? NewRecordInstall : ReplacingInstall, async, cancellationToken).ConfigureAwait(false);
        if (exchanged)
        {
            RemoveReplaced(temporary, path);
        }

        RememberWritten(record);
    }

    // A record under an ID given as new goes only where nothing is: an existing one means the counter is behind.
    private static bool NewRecordInstall(FilesystemStore store, PendingRecord record, string temporary, string path)
    {
        if (!store._renamer.TryInstallNew(temporary, path))
        {
            throw store.NewRecordPlaceTaken(path, record.Id);
        }

        store.FlushDirectoryIfDurable();
        return false;
    }

    // The stored record is checked and replaced under the write lock, so nothing else replaces it in between.
    private static bool ReplacingInstall(FilesystemStore store, PendingRecord record, string temporary, string path)
    {
        using var held = store._writeLock.Enter();
        store.CheckVersion(record, path);
        var exchanged = store._renamer.Install(temporary, path);
        store.FlushDirectoryIfDurable();
        return exchanged;
    }

    // A record this store's place loaded or saved must still be the one it saw there: otherwise another store or
    // process saved or removed it since, and writing would lose that change. Called under the write lock.
    private void CheckVersion(in PendingRecord record, string path)
    {
        if (record.ExpectedVersion is { } expected && expected != 0)
        {
            CheckVersion(record, path, _reader.VersionOf(path));
        }
    }

    // The same, given the version the record file has (read under the write lock).
    private void CheckVersion(in PendingRecord record, string path, long actual)
    {
        if (record.ExpectedVersion is { } expected && expected != 0 && actual != expected)
        {
            throw Changed(record.Id, path, expected, actual);
        }
    }

    // The refusal of a save whose record file is not the one it loaded or saved: it never overwrites what it did not see.
    // What the file holds now is read to say so (this path only): another save's record is loaded again; an empty,
    // cut short or foreign file is no record to load, and only a Replace, on purpose, overwrites it.
    private ConcurrencyException Changed(Id id, string path, long expected, long actual)
    {
        if (actual == 0 || WhatTheFileHolds(id, path) is not { } notARecord)
        {
            var now = actual == 0 ? "it was removed" : "its file now holds another record";
            return new ConcurrencyException(id, expected, actual,
                $"Cannot save '{id}': it was changed by someone else since it was loaded or last saved here ({now}: '{path}'). " +
                "Nothing was written; load it again, apply the change and save.");
        }

        return new ConcurrencyException(id, expected, actual,
            $"Cannot save '{id}': its record file '{path}' {notARecord}. Nothing was written. gc3p verify names what the store's files hold; " +
            "to overwrite this file with the object on purpose, call Replace(id, obj).");
    }

    // What a record file that is no longer the saved record holds, when it is not a record of this ID: null when it is one.
    private string? WhatTheFileHolds(Id id, string path)
    {
        try
        {
            using var file = _reader.Open(path, async: false, out var length);
            if (length < sizeof(uint)) // as VersionOf: no record's checksum fits
            {
                return length == 0
                    ? "is now empty (0 bytes), which no record is (a crash, or another program, cut it short)"
                    : $"is now {length} bytes long, too short to be a record (a crash, or another program, cut it short)";
            }

            if (length > Options.MaxRecordBytes)
            {
                return $"is now {length} bytes long, more than the largest record this store reads ({Options.MaxRecordBytes} bytes, StoreOptions.MaxRecordBytes)";
            }

            var bytes = new byte[length];
            var read = Synchronous.Wait(ReadAtAsync(file, bytes, 0, bytes.Length, async: false, CancellationToken.None));
            var recorded = RecordFormat.ReadId(id, bytes.AsSpan(0, read), out _);
            return recorded is null || recorded.Equals(id) ? null : $"now holds the record of '{recorded}', copied or moved there from another ID";
        }
        catch (LoadException e)
        {
            return $"no longer holds a record: {e.Reason}";
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return "was removed while the save looked at it";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"can no longer be read as a record: {e.Message}";
        }
    }

    // The record is in place: its version, for the next save to check, is its fingerprint (the save remembers the
    // same fingerprint for its own use, so this is the one entry it keeps for the object).
    private void RememberWritten(in PendingRecord record)
    {
        var fingerprint = RecordFingerprint.Of(record.Data.Span);
        Versions.Remember(record.Object, (long)fingerprint, fingerprint);
    }

    // Something stands where a new record goes: a directory (or a link to one) is no record; a record means the counter is behind.
    private Exception NewRecordPlaceTaken(string path, Id id)
        => System.IO.Directory.Exists(path) ? DirectoryInPlace(path, RecordRole) : IdInUse(id);

    // The refusal of a directory found where a file goes, or of a symbolic link to one (Directory.Exists follows it).
    private static IOException DirectoryInPlace(string path, string role)
        => LinuxFiles.NotRegular(new FileInfo(path).LinkTarget is null ? LinuxFiles.Kind.Directory : LinuxFiles.Kind.SymbolicLink, path, role);

    // The counter gave as new an ID that has a record (restored from a backup older than the records, or rolled
    // back by hand): the save is refused as the SQL stores refuse it, and the counter moves past every record, so
    // the next save gets a free ID.
    private ConcurrencyException IdInUse(Id id)
    {
        var highest = _counter.HighestRecordSeqNo();
        Logger.LogWarning("The ID counter {Path} gave {Id}, which a record already has: the counter is behind the records (restored from an older backup?). Moving it past the highest ID, {Highest}.", Path.Combine(Directory, CounterFileName), id, highest);
        MoveCounterPast(highest);
        return new ConcurrencyException(id, 0, 0);
    }

    // A commit of several records: all written as temporaries, the journal (the commit point), then
    // each put in place, referenced records first. A failure before the commit point, or one while
    // putting records in place that can be undone, leaves the store as it was.
    private async ValueTask CommitAsync(IReadOnlyList<PendingRecord> records, bool async, CancellationToken cancellationToken)
    {
        var entries = new JournalEntry[records.Count];
        var written = 0;
        var replacing = false;
        try
        {
            // Referenced records are encoded after the records that reach them: put them in place first.
            for (var i = records.Count - 1; i >= 0; i--)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var record = records[i];
                var temporary = TemporaryPathOf(record.Id);
                ulong inode;
                try
                {
                    inode = await WriteTemporaryAsync(temporary, record.Data, inode: true, async, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    // Created but not written (a full disk, a cancelled write): not among the entries yet, so removed here.
                    TryDelete(temporary);
                    throw;
                }

                entries[written++] = new JournalEntry(record.Id.ToString(), Path.GetFileName(temporary), inode, record.ExpectedVersion == 0);
                replacing |= record.ExpectedVersion != 0;
            }
        }
        catch
        {
            RemoveTemporaries(entries, written);
            throw;
        }

        // Records that replace others are checked and put in place under the write lock; new ones never replace a file.
        if (replacing)
        {
            RecordWriteLock.Scope held;
            try
            {
                held = _writeLock.Enter();
            }
            catch
            {
                // Another process held the lock too long: the commit never began, and its temporaries go.
                RemoveTemporaries(entries, written);
                throw;
            }

            using (held)
            {
                Commit(records, entries);
            }
        }
        else
        {
            Commit(records, entries);
        }

        foreach (var record in records)
        {
            RememberWritten(record);
        }
    }

    // The commit of records whose temporaries are written (entries[i] is records[^(i + 1)]'s).
    private void Commit(IReadOnlyList<PendingRecord> records, JournalEntry[] entries)
    {
        CommitJournal journal;
        try
        {
            for (var i = 0; i < entries.Length; i++)
            {
                // The journal keeps the version each record had here: recovery after a crash replaces only a record
                // that still has it, never one a later save put in place (see JournalDirectory.RollForward).
                var final = Path.Join(Directory, entries[i].Final);
                CheckRecordPlace(final, entries[i].IsNew);
                var version = entries[i].IsNew ? 0 : _reader.VersionOf(final);
                CheckVersion(records[records.Count - 1 - i], final, version);
                entries[i] = entries[i] with { Version = version };
            }

            FlushDirectoryIfDurable(); // the temporaries' names, before the journal that names them
            journal = _journals.Write(entries);
        }
        catch
        {
            RemoveTemporaries(entries, entries.Length);
            throw;
        }

        var exchanged = new bool[entries.Length];
        var applied = 0;
        try
        {
            for (; applied < entries.Length; applied++)
            {
                var entry = entries[applied];
                var temporary = Path.Join(Directory, entry.Temporary);
                var final = Path.Join(Directory, entry.Final);
                if (!entry.IsNew)
                {
                    exchanged[applied] = _renamer.Install(temporary, final);
                }
                else if (!_renamer.TryInstallNew(temporary, final))
                {
                    // Something took the free name since it was checked: never replaced, the commit is undone.
                    throw NewRecordPlaceTaken(final, Id.Parse(entry.Final));
                }
            }

            FlushDirectoryIfDurable();
        }
        catch (Exception e)
        {
            if (Undo(journal, entries, exchanged, applied, e) is { } unfinished)
            {
                throw unfinished;
            }

            throw;
        }

        for (var i = 0; i < entries.Length; i++)
        {
            if (exchanged[i])
            {
                RemoveReplaced(Path.Join(Directory, entries[i].Temporary), Path.Join(Directory, entries[i].Final));
            }
        }

        journal.Remove();
    }

    private void RemoveTemporaries(JournalEntry[] entries, int count)
    {
        for (var i = 0; i < count; i++)
        {
            TryDelete(Path.Join(Directory, entries[i].Temporary));
        }
    }

    // Puts back what a failed commit had put in place; when that fails too, the journal stays and the
    // next process that opens the store (or misses one of its records) finishes the commit: the exception to throw then,
    // which says so (null when the commit is undone).
    private StoreException? Undo(CommitJournal journal, JournalEntry[] entries, bool[] exchanged, int applied, Exception failure)
    {
        try
        {
            for (var i = applied - 1; i >= 0; i--)
            {
                RecordRenamer.Uninstall(Path.Join(Directory, entries[i].Temporary), Path.Join(Directory, entries[i].Final), exchanged[i], entries[i].IsNew);
            }

            FlushDirectoryIfDurable();
            journal.Remove();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            journal.Dispose();
            Logger.LogError(e, "A save of {Count} records failed after its commit ({Failure}) and could not be undone; the store finishes it when it is next opened.", entries.Length, failure.Message);
            return Unfinished(journal, entries, applied, failure, e);
        }

        foreach (var entry in entries)
        {
            TryDelete(Path.Join(Directory, entry.Temporary));
        }

        return null;
    }

    // Before, the caller got the install's error alone, as if nothing had been written, and the save's new objects lost
    // IDs whose records were in place (or would be, once recovery finished the commit): their next save wrote second records.
    private static StoreException Unfinished(CommitJournal journal, JournalEntry[] entries, int applied, Exception failure, Exception undo)
        => new(
            $"A save of {entries.Length} records ({string.Join(", ", entries.Take(3).Select(e => $"'{e.Final}'"))}{(entries.Length > 3 ? ", ..." : "")}) failed while "
            + $"putting them in place, after its commit point: {failure.Message} The {applied} already in place could not be put back either: {undo.Message} "
            + $"The store holds part of the save until it finishes it: its commit journal '{journal.Path}' is kept, and the store finishes the save when it is next "
            + "opened (or when a load misses one of its records), putting in place every record no later save changed. The objects keep the IDs the save "
            + "gave them; once the save is finished, load them again (after InvalidateCache) before changing them: a save of one whose new record is in place throws ConcurrencyException.",
            failure)
        { Committed = true };

    // Writes data to the temporary file, then has install put it at path and say whether the two were
    // exchanged, leaving the replaced file under the temporary name for the caller to remove. install
    // takes the store and a state as arguments, so a static lambda serves: no closure per save. On
    // failure the temporary file goes, and a directory standing at path is reported as such.
    private async ValueTask<bool> WriteFileAsync<TState>(string temporary, string path, ReadOnlyMemory<byte> data, string role, TState state, Func<FilesystemStore, TState, string, string, bool> install, bool async, CancellationToken cancellationToken)
    {
        try
        {
            await WriteTemporaryAsync(temporary, data, inode: false, async, cancellationToken).ConfigureAwait(false);
            return install(this, state, temporary, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && System.IO.Directory.Exists(path))
        {
            TryDelete(temporary);
            throw DirectoryInPlace(path, role);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    // Writes a temporary file (flushed when durable); gives its inode number when asked and known.
    private async ValueTask<ulong> WriteTemporaryAsync(string temporary, ReadOnlyMemory<byte> data, bool inode, bool async, CancellationToken cancellationToken)
    {
        using var file = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, async ? FileOptions.Asynchronous : FileOptions.None);
        if (async)
        {
            await RandomAccess.WriteAsync(file, data, 0, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            RandomAccess.Write(file, data.Span, 0);
        }

        if (Options.Durable)
        {
            RandomAccess.FlushToDisk(file);
        }

        return inode && LinuxFiles.Available ? LinuxFiles.InodeOf(file, temporary) : 0;
    }

    // After an exchange the old record is under the temporary name: unlink it (a directory that stood
    // in the record's place is put back and refused).
    private void RemoveReplaced(string temporary, string path)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (System.IO.Directory.Exists(temporary))
            {
                RecordRenamer.Uninstall(temporary, path, exchanged: true, isNew: false);
                TryDelete(temporary);
                throw LinuxFiles.NotRegular(LinuxFiles.Kind.Directory, path, RecordRole);
            }

            Logger.LogWarning(e, "Could not remove {Path}, the replaced copy of a record.", temporary);
        }
    }

    // Before the commit point: a record's place holds a record file or nothing, never a directory or a device,
    // and nothing at all for an ID given as new.
    private void CheckRecordPlace(string path, bool isNew)
    {
        if (LinuxFiles.Available)
        {
            var kind = LinuxFiles.KindOf(path, RecordRole);
            if (kind is not (LinuxFiles.Kind.Missing or LinuxFiles.Kind.Regular))
            {
                throw LinuxFiles.NotRegular(kind, path, RecordRole);
            }

            if (isNew && kind == LinuxFiles.Kind.Regular)
            {
                throw IdInUse(Id.Parse(Path.GetFileName(path)));
            }
        }
        else if (System.IO.Directory.Exists(path))
        {
            throw LinuxFiles.NotRegular(LinuxFiles.Kind.Directory, path, RecordRole);
        }
        else if (isNew && File.Exists(path))
        {
            throw IdInUse(Id.Parse(Path.GetFileName(path)));
        }
    }

    // A flushed file is on disk, but the name a rename gave it is only once the directory is.
    // (Linux only: Windows cannot open a directory to flush it, and macOS needs F_FULLFSYNC.)
    private void FlushDirectoryIfDurable()
    {
        if (Options.Durable && OperatingSystem.IsLinux())
        {
            LinuxFiles.FlushDirectory(Directory);
        }
    }

    private string TemporaryPathOf(Id id) => Path.Join(Directory, $".{id}.{Guid.NewGuid():N}.tmp");

    // Creates the store's directory; where a file stands in the way, says so, rather than .NET's "The file ... already exists".
    private static void CreateDirectory(string directory)
    {
        try
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        catch (IOException e)
        {
            for (var path = directory; !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
            {
                if (File.Exists(path))
                {
                    throw new IOException($"Cannot open a file store in '{directory}': '{path}' is a file, not a directory.", e);
                }
            }

            throw;
        }
    }

    // A writer holds its temporary file for microseconds; one that is an hour old was left by a crash. Only names
    // starting with '.' and ending with '.tmp' are taken, which no record and no schema file has.
    private void RemoveAbandonedTemporaries(string folder)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > AbandonedAfter)
            {
                Logger.LogInformation("Removing {Path}, a temporary file left by an interrupted save.", file);
                TryDelete(file);
            }
        }
    }

    private void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Logger.LogWarning(e, "Could not remove the temporary file {Path} of a failed save.", temporary);
        }
    }
}
