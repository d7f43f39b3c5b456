using System.Buffers;
using System.IO.Enumeration;
using Gc3.Persistence.Engine;
using Gc3.Persistence.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Gc3.Persistence.Files;

/// <summary>
/// Keeps one file per ID in a directory, named after the ID (<c>job.42</c>). Each record is written
/// to a temporary file and renamed into place, so a crash leaves the old record or the new one,
/// never a torn one; the referenced records of a save are written before the records that refer to
/// them. IDs come from a counter file in the directory, shared safely by threads and processes.
/// </summary>
public sealed class FilesystemStore : StoreBase
{
    /// <summary>The counter file's name; like every name starting with '.', it is not a record.</summary>
    public const string CounterFileName = ".gc3-next-id";

    /// <summary>The largest record file the store will read, against a damaged or hostile directory.</summary>
    public const int MaxRecordBytes = 1 << 30;

    private const string RecordRole = "the record file";
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    // What Directory.EnumerateFiles does: hidden files too, and an unreadable directory is an error.
    private static readonly EnumerationOptions ListOptions = new() { AttributesToSkip = 0, IgnoreInaccessible = false };
    private readonly SequenceCounterFile _counter;
    private readonly ReadOnlyFile _reader = new();

    /// <summary>Opens (and creates if needed) a store in <paramref name="directory"/>.</summary>
    public FilesystemStore(string directory, StoreOptions? options = null)
        : base(options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        CreateDirectory(Directory);
        _counter = new SequenceCounterFile(Path.Combine(Directory, CounterFileName), Directory, Options.Durable, Logger);
        // Numbers come from the counter file in doubling blocks, so one-off saves stay consecutive
        // (job.1, job.2) and bulk saves rarely lock the file.
        SetSequenceSource(new SequenceBlocks(_counter.Reserve, movePast: _counter.MovePast));
        RemoveAbandonedTemporaries();
    }

    /// <summary>The store's directory, as an absolute path.</summary>
    public string Directory { get; }

    /// <summary>The path of the file that holds the record of <paramref name="id"/>.</summary>
    public string PathOf(Id id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Path.Join(Directory, id.ToString());
    }

    /// <inheritdoc/>
    public override string ToString() => $"file://{Directory}";

    /// <inheritdoc/>
    protected override string Location => ToString();

    /// <inheritdoc/>
    protected override string DbSystemName => PersistenceTelemetry.FileSystemName;

    /// <inheritdoc/>
    protected override string DbCollectionName => Path.GetFileName(Path.TrimEndingDirectorySeparator(Directory));

    /// <inheritdoc/>
    protected override async ValueTask WriteRecordsAsync(IReadOnlyList<PendingRecord> records, bool async, CancellationToken cancellationToken)
    {
        // Referenced records are encoded after the records that reach them: write them first, so a
        // record on disk never refers to one that a crash kept from being written.
        for (var i = records.Count - 1; i >= 0; i--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await WriteRecordAsync(records[i], async, cancellationToken).ConfigureAwait(false);
        }

        // A flushed file is on disk, but the name a rename gave it is only once the directory is.
        // (Linux only: Windows cannot open a directory to flush it, and macOS needs F_FULLFSYNC.)
        if (Options.Durable && records.Count > 0 && OperatingSystem.IsLinux())
        {
            LinuxFiles.FlushDirectory(Directory);
        }
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
            return null;
        }

        using (file)
        {
            if (length > MaxRecordBytes)
            {
                throw new LoadException(id, $"the file is {length} bytes long, more than the largest record this store reads ({MaxRecordBytes} bytes)");
            }

            var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1));
            try
            {
                // Reads until the length it saw, or the end of a file that shrank meanwhile (the record check then fails).
                var read = 0;
                while (read < length)
                {
                    var count = async
                        ? await RandomAccess.ReadAsync(file, buffer.AsMemory(read, (int)length - read), read, cancellationToken).ConfigureAwait(false)
                        : RandomAccess.Read(file, buffer.AsSpan(read, (int)length - read), read);
                    if (count == 0)
                    {
                        break;
                    }

                    read += count;
                }

                return new RecordData(buffer, read, Pooled: true);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }
    }

    /// <inheritdoc/>
    protected override ValueTask<bool> DeleteRecordAsync(Id id, bool async, CancellationToken cancellationToken)
    {
        var path = PathOf(id);
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
            // Temporaries and the counter start with '.', which no ID does.
            if (entry.IsDirectory || !Id.TryParseParts(entry.FileName, out var prefix, out var seqNo))
            {
                if (!entry.IsDirectory && Id.IsPaddedId(entry.FileName))
                {
                    Logger.LogWarning("Skipping {Path}: the name of an ID's record has no zeros before its number, so this file is no record.", entry.ToFullPath());
                }

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

    private async ValueTask WriteRecordAsync(PendingRecord record, bool async, CancellationToken cancellationToken)
    {
        var path = PathOf(record.Id);
        var temporary = Path.Join(Directory, $".{record.Id}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, async ? FileOptions.Asynchronous : FileOptions.None);
            await using (stream.ConfigureAwait(false))
            {
                if (async)
                {
                    await stream.WriteAsync(record.Data, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    stream.Write(record.Data.Span);
                }

                if (Options.Durable)
                {
                    stream.Flush(flushToDisk: true);
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && System.IO.Directory.Exists(path))
        {
            TryDelete(temporary);
            throw LinuxFiles.NotRegular(LinuxFiles.Kind.Directory, path, RecordRole);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

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

    // A writer holds its temporary file for microseconds; one that is an hour old was left by a crash.
    private void RemoveAbandonedTemporaries()
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, ".*.tmp"))
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
