using System.Globalization;
using System.Text;
using Gc3.Persistence.Records;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Files;

/// <summary>
/// The next free ID number of a file store, kept as decimal text in a file of the store's
/// directory. Every reservation opens the file exclusively (an advisory <c>flock</c> on Unix, a
/// sharing lock on Windows), which serializes threads and processes alike; numbers are only ever
/// handed out upwards, so an ID is never reused, also after its record is removed, and never past
/// <c><see cref="IRecordStore.NoIdLeft"/> - 1</c> (a clear error instead). A counter lost or damaged continues after the
/// highest ID in the directory.
/// </summary>
/// <remarks>A lock another process holds is waited for up to <c>lockTimeout</c> (<see cref="StoreOptions.LockTimeout"/>).</remarks>
internal sealed class SequenceCounterFile(string path, string directory, bool durable, ILogger logger, TimeSpan lockTimeout)
{
    private const string Role = "the ID counter";

    /// <summary>Reserves <paramref name="count"/> consecutive numbers; returns the first.</summary>
    public long Reserve(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        using var stream = OpenLocked();
        var next = ReadNext(stream);

        // The largest number stays unused, so that the counter never has to hold more than NoIdLeft.
        if (next > IRecordStore.NoIdLeft - count)
        {
            throw Exhausted(next, count);
        }

        var text = Encoding.ASCII.GetBytes((next + count).ToString(CultureInfo.InvariantCulture));
        stream.Position = 0;
        stream.Write(text);
        stream.SetLength(text.Length);
        stream.Flush(flushToDisk: durable);
        return next;
    }

    /// <summary>
    /// Makes sure the counter never gives <paramref name="seqNo"/> or a number below it (a record was
    /// written under that number by a replace or a copy); returns the next number it will give.
    /// </summary>
    public long MovePast(long seqNo)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seqNo);
        using var stream = OpenLocked();
        var next = ReadNext(stream);
        if (next > seqNo)
        {
            return next;
        }

        // Past the last number there is nothing to give: the counter stops at NoIdLeft, and the next reservation says so.
        var moved = seqNo == IRecordStore.NoIdLeft ? IRecordStore.NoIdLeft : seqNo + 1;
        var text = Encoding.ASCII.GetBytes(moved.ToString(CultureInfo.InvariantCulture));
        stream.Position = 0;
        stream.Write(text);
        stream.SetLength(text.Length);
        stream.Flush(flushToDisk: durable);
        return moved;
    }

    /// <summary>
    /// The next number the counter gives, read without writing anything: no lock, no file created where there is
    /// none, a damaged one left as it is (a lost or damaged counter gives the number after the highest ID, as a
    /// reservation would). <c>gc3p stats</c>, <c>verify</c> and <c>copy</c> read it so, also from a read-only store.
    /// </summary>
    public long Peek()
    {
        FileStream stream;
        try
        {
            stream = LinuxFiles.Available
                ? new FileStream(LinuxFiles.OpenRegular(path, LinuxFiles.ReadOnly, Role, out _)!, FileAccess.Read, bufferSize: 0)
                : OpenForPeekPortably();
        }
        catch (FileNotFoundException)
        {
            return ReadNext(Stream.Null);
        }

        using (stream)
        {
            return ReadNext(stream);
        }
    }

    // On Linux the counter opens only as a regular file, never through a symbolic link (which could
    // make a save overwrite a file outside the store), and only waiting on a lock makes it wait: an
    // open refused for another reason (a read-only file system, a directory in its place) fails at once.
    private FileStream OpenLocked()
    {
        if (!LinuxFiles.Available)
        {
            return OpenLockedPortably();
        }

        var handle = LinuxFiles.OpenRegular(path, LinuxFiles.ReadWrite | LinuxFiles.Create, Role, out _)!;
        try
        {
            var locked = LockWait.Start(lockTimeout);
            var wait = 1;
            while (!LinuxFiles.TryLock(handle, path, Role))
            {
                if (locked.Expired)
                {
                    throw LockTimedOut();
                }

                // Another thread or process holds the counter: it keeps it for microseconds.
                Thread.Sleep(wait);
                wait = Math.Min(wait * 2, 20);
            }

            return new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private FileStream OpenLockedPortably()
    {
        if (new FileInfo(path) is var entry && entry.LinkTarget is not null)
        {
            throw LinuxFiles.NotRegular(LinuxFiles.Kind.SymbolicLink, path, Role);
        }

        if (System.IO.Directory.Exists(path))
        {
            throw LinuxFiles.NotRegular(LinuxFiles.Kind.Directory, path, Role);
        }

        var locked = LockWait.Start(lockTimeout);
        var wait = 1;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            }
            catch (IOException e) when (File.Exists(path))
            {
                if (locked.Expired)
                {
                    throw LockTimedOut(e);
                }

                // Another thread or process holds the counter: it keeps it for microseconds.
                Thread.Sleep(wait);
                wait = Math.Min(wait * 2, 20);
            }
        }
    }

    private FileStream OpenForPeekPortably()
    {
        if (new FileInfo(path) is var entry && entry.LinkTarget is not null)
        {
            throw LinuxFiles.NotRegular(LinuxFiles.Kind.SymbolicLink, path, Role);
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
    }

    // Threads of this process hold it for microseconds: a wait that lasts is for another process.
    private StoreException LockTimedOut(IOException? cause = null)
        => LockWait.TimedOut(path, Role, lockTimeout, "no new IDs were reserved, and nothing was saved", cause);

    private long ReadNext(Stream stream)
    {
        Span<byte> bytes = stackalloc byte[32];
        var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        // ASCII white space around the number is no damage: 'echo 20 > .gc3-next-id' writes "20\n". Anything else but
        // digits is: long.TryParse would take "7\0" as 7, but NUL bytes are the zero-filled tail a crash leaves on some file systems.
        var number = bytes[Ascii.Trim(bytes[..read])];
        if (read > 0 && read < bytes.Length && !number.ContainsAnyExceptInRange((byte)'0', (byte)'9')
            && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var next) && next > 0)
        {
            return next;
        }

        // A new store, or a counter lost or damaged by hand: never go below a record that exists. After a record under the
        // largest number (forged, or copied) it is NoIdLeft, which gives no ID: a reservation says so, and reading it
        // (gc3p stats, verify, copy) is no error, as in the SQL stores.
        var highest = HighestRecordSeqNo();
        var recovered = highest < IRecordStore.NoIdLeft ? highest + 1 : IRecordStore.NoIdLeft;
        if (read > 0)
        {
            logger.LogWarning("The ID counter {Path} holds no number (damaged, or written by hand with more than digits); continuing from {Next}, after the highest ID in the store.", path, recovered);
        }

        return recovered;
    }

    /// <summary>The highest ID number of the records in the directory (0 when there is none), by their files' names.</summary>
    public long HighestRecordSeqNo()
    {
        long highest = 0;
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (Id.TryParse(Path.GetFileName(file.AsSpan()), out var id) && id.SeqNo > highest)
            {
                highest = id.SeqNo;
            }
        }

        return highest;
    }

    private InvalidOperationException Exhausted(long reached, int count)
        => new($"The ID counter '{path}' has reached {reached}: this store can give no more IDs, as {count} more would pass the largest ID number, {IRecordStore.NoIdLeft - 1}.");
}
