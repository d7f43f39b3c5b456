using Microsoft.Win32.SafeHandles;

namespace Gc3.Persistence.Files;

/// <summary>
/// The lock a file store holds from the check of a stored record's version to the moment its new record is in
/// place, so that no other save, removal or recovery puts a record there in between: threads of a store take
/// its <see cref="Lock"/>, processes and other stores of the directory an advisory <c>flock</c> on the file
/// <c>.gc3-lock</c> (a name starting with '.', so never a record), dropped by the kernel when a process dies.
/// Saves of new records need none: their rename never replaces a file.
/// </summary>
/// <remarks>
/// Held for a few system calls (a check, an exchange, an unlink; a flush when durable), never while records
/// are encoded or written to their temporaries. Elsewhere than Linux the file is opened with
/// <see cref="FileShare.None"/>, which .NET turns into the system's own lock.
/// </remarks>
internal sealed class RecordWriteLock : IDisposable
{
    /// <summary>The lock file's name in the store's directory.</summary>
    public const string FileName = ".gc3-lock";

    private const string Role = "the store's write lock";
    private readonly Lock _threads = new();
    private readonly string _path;
    private SafeFileHandle? _file; // Linux: opened once, locked and unlocked per use
    private SafeFileHandle? _held; // elsewhere: the handle that holds the lock while it is held

    /// <summary>The lock of the store in <paramref name="storeDirectory"/>, waited for up to <paramref name="timeout"/> (default: <see cref="StoreOptions.DefaultLockTimeout"/>).</summary>
    public RecordWriteLock(string storeDirectory, TimeSpan? timeout = null)
    {
        _path = Path.Join(storeDirectory, FileName);
        Timeout = timeout ?? StoreOptions.DefaultLockTimeout;
    }

    /// <summary>How long the store waits for a lock another process holds (<see cref="StoreOptions.LockTimeout"/>); the journals wait as long.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Takes the lock, waiting up to <see cref="Timeout"/> for another thread, then another process, to let go of it.</summary>
    /// <exception cref="StoreException">Another thread or process held it longer (for a process, an <see cref="IOException"/> inside names the file).</exception>
    /// <exception cref="IOException">The lock file cannot be opened (the message says why).</exception>
    public Scope Enter()
    {
        // A thread holds it for a few system calls: one holding it past the timeout is stuck in the file system.
        if (!_threads.TryEnter(Timeout))
        {
            throw new StoreException(
                $"Another thread of this process has held {Role} '{_path}' for over {LockWait.Describe(Timeout)}, the time StoreOptions.LockTimeout allows: "
                + "nothing was written or removed. A thread holds it only while it puts records in place, so one that holds it this long is stuck "
                + "in the file system (a stalled network mount, a disk that does not answer).");
        }

        try
        {
            var wait = LockWait.Start(Timeout);
            var pause = 0;
            while (!TryTake())
            {
                if (wait.Expired)
                {
                    throw LockWait.TimedOut(_path, Role, Timeout, "nothing was written or removed");
                }

                Thread.Sleep(pause);
                pause = Math.Min(pause + 1, 10);
            }

            return new Scope(this);
        }
        catch
        {
            _threads.Exit();
            throw;
        }
    }

    public void Dispose()
    {
        lock (_threads)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    private bool TryTake()
    {
        if (!LinuxFiles.Available)
        {
            try
            {
                _held = File.OpenHandle(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return true;
            }
            catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException) && !Directory.Exists(_path))
            {
                return false; // held by another process
            }
        }

        while (true)
        {
            // Opened as the store opens its records: never through a link, never a FIFO or a device.
            _file ??= LinuxFiles.OpenRegular(_path, LinuxFiles.ReadOnly | LinuxFiles.Create, Role, out _)!;
            if (!LinuxFiles.TryLock(_file, _path, Role))
            {
                return false;
            }

            // The lock is the one of the file the name gives now: once removed (taken for a stale lock) or replaced,
            // the file kept open is one other writers no longer lock, so it is let go of and the name opened again.
            if (LinuxFiles.InodeOf(_path) == LinuxFiles.InodeOf(_file, _path))
            {
                return true;
            }

            _file.Dispose();
            _file = null;
        }
    }

    private void Exit()
    {
        try
        {
            if (_held is not null)
            {
                _held.Dispose();
                _held = null;
            }
            else if (_file is not null)
            {
                LinuxFiles.Unlock(_file, _path, Role);
            }
        }
        finally
        {
            _threads.Exit();
        }
    }

    /// <summary>The lock, held until disposed.</summary>
    public readonly ref struct Scope
    {
        private readonly RecordWriteLock? _owner;

        public Scope(RecordWriteLock owner) => _owner = owner;

        public void Dispose() => _owner?.Exit();
    }
}
