using System.IO.Enumeration;
using Gc3.Persistence.Engine;
using System.Runtime.CompilerServices;
using Gc3.Persistence.Records;

namespace Gc3.Persistence.Files;

/// <summary>The raw-record API of the file store: streamed listings, reads of a file as it is, writes that never overwrite.</summary>
public sealed partial class FilesystemStore
{
    /// <inheritdoc/>
    protected override async IAsyncEnumerable<RecordInfo> ListRecordInfoCoreAsync(string? tag, string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var header = new byte[RecordFormat.MaxHeaderSize];
        foreach (var id in RecordIds(prefix))
        {
            cancellationToken.ThrowIfCancellationRequested();
            long length;
            string? recordTag;
            ulong schemaHash;
            try
            {
                using var file = _reader.Open(PathOf(id), async: false, out length);
                var read = RandomAccess.Read(file, header.AsSpan(0, (int)Math.Min(length, header.Length)), 0);
                recordTag = RecordHeader.TryReadTag(header.AsSpan(0, read));
                schemaHash = RecordHeader.TryReadSchemaHash(header.AsSpan(Math.Min(3, read), read - Math.Min(3, read)));
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                continue; // removed meanwhile
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                length = -1;
                recordTag = null;
                schemaHash = 0;
            }

            if (tag is null || string.Equals(tag, recordTag, StringComparison.Ordinal))
            {
                yield return new RecordInfo(id, recordTag, length, null, schemaHash);
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the record files in <see cref="Id"/> order, a few dozen at a time on two threads (each file
    /// is an open, a read and a close: the system calls, not the bytes, are the cost), handed out in order.
    /// </summary>
    protected override async IAsyncEnumerable<RawRecord> ReadRawRecordsCoreAsync(string? tag, string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int Chunk = 64;
        var ids = new Id[Chunk];
        var records = new RawRecord?[Chunk];
        var options = new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken };
        var count = 0;
        using var all = RecordIds(prefix).GetEnumerator();
        var more = true;
        while (more)
        {
            cancellationToken.ThrowIfCancellationRequested();
            count = 0;
            while (count < Chunk && (more = all.MoveNext()))
            {
                ids[count++] = all.Current;
            }

            if (count == 1)
            {
                records[0] = ReadRawFileOrProblem(ids[0]);
            }
            else if (count > 1)
            {
                Parallel.For(0, count, options, i => records[i] = ReadRawFileOrProblem(ids[i]));
            }

            for (var i = 0; i < count; i++)
            {
                var record = records[i];
                records[i] = null;
                if (record is not null && (tag is null || string.Equals(tag, record.Tag, StringComparison.Ordinal)))
                {
                    yield return record;
                }
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override ValueTask<RawRecord?> ReadRawRecordCoreAsync(Id id, CancellationToken cancellationToken)
        => ValueTask.FromResult(ReadRawFile(id));

    /// <inheritdoc/>
    protected override ValueTask<int> WriteRawRecordsCoreAsync(IReadOnlyList<RawRecord> records, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = PathOf(record.Id);
            if (File.Exists(path))
            {
                CheckSame(record);
                continue;
            }

            var temporary = TemporaryPathOf(record.Id);
            try
            {
                Synchronous.Wait(WriteTemporaryAsync(temporary, record.Data, inode: false, async: false, cancellationToken));

                // Put in place only where nothing is: a record that appeared meanwhile is compared, never replaced.
                File.Move(temporary, path, overwrite: false);
                written++;
            }
            catch (IOException) when (File.Exists(path) && !System.IO.Directory.Exists(path))
            {
                TryDelete(temporary);
                CheckSame(record);
            }
            catch
            {
                TryDelete(temporary);
                throw;
            }
        }

        if (written > 0)
        {
            FlushDirectoryIfDurable();
        }

        return ValueTask.FromResult(written);
    }

    /// <inheritdoc/>
    protected override ValueTask<long> ReadIdCounterCoreAsync(CancellationToken cancellationToken)
        => ValueTask.FromResult(_counter.Peek()); // writes nothing: a read-only store tells it too

    // The record under the ID must be these bytes.
    private void CheckSame(RawRecord record)
    {
        var existing = ReadRawFile(record.Id);
        if (existing is null || !existing.Data.Span.SequenceEqual(record.Data.Span))
        {
            throw new RecordClashException(record.Id, ToString());
        }
    }

    // The file's bytes, or the record with the reason it could not be read; null when there is no such file.
    private RawRecord? ReadRawFileOrProblem(Id id)
    {
        try
        {
            return ReadRawFile(id);
        }
        catch (LoadException e)
        {
            return new RawRecord(id, null, ReadOnlyMemory<byte>.Empty, Problem: e.Reason);
        }
    }

    // The file's bytes as they are (no check of its framing); null when there is no such file.
    private RawRecord? ReadRawFile(Id id)
    {
        var path = PathOf(id);
        try
        {
            using var file = _reader.Open(path, async: false, out var length);
            if (length > Options.MaxRecordBytes)
            {
                throw new LoadException(id, $"the file '{path}' is {length} bytes long, more than the largest record this store reads ({Options.MaxRecordBytes} bytes, StoreOptions.MaxRecordBytes)");
            }

            var bytes = new byte[length];
            var read = 0;
            while (read < bytes.Length)
            {
                var n = RandomAccess.Read(file, bytes.AsSpan(read), read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            var data = bytes.AsMemory(0, read);
            return new RawRecord(id, RecordHeader.TryReadTag(data.Span), data, null);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LoadException(id, $"the record could not be read: {e.Message}", e);
        }
    }

    // The IDs of the record files in Id order, as ListIdsAsync gives them, but holding only a number
    // per record (not an Id object) until each is handed out.
    private IEnumerable<Id> RecordIds(string? onlyPrefix)
    {
        var groups = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var groupsByName = groups.GetAlternateLookup<ReadOnlySpan<char>>();
        var files = new FileSystemEnumerable<bool>(Directory, (ref FileSystemEntry entry) =>
        {
            if (!IsRecordEntry(ref entry, out var prefix, out var seqNo)
                || (onlyPrefix is not null && !prefix.SequenceEqual(onlyPrefix)))
            {
                return false;
            }

            if (!groupsByName.TryGetValue(prefix, out var numbers))
            {
                numbers = [];
                groups.Add(prefix.ToString(), numbers);
            }

            numbers.Add(seqNo);
            return true;
        }, ListOptions);
        foreach (var _ in files)
        {
        }

        foreach (var (prefix, numbers) in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            numbers.Sort();
            foreach (var seqNo in numbers)
            {
                yield return new Id(prefix, seqNo, validated: true);
            }
        }
    }
}
