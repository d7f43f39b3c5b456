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
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly Lock _threads = new();
    private readonly string _path;
    private SafeFileHandle? _file; // Linux: opened once, locked and unlocked per use
    private SafeFileHandle? _held; // elsewhere: the handle that holds the lock while it is held

    public RecordWriteLock(string storeDirectory) => _path = Path.Join(storeDirectory, FileName);

    /// <summary>Takes the lock, waiting up to 30 s for another process to let go of it.</summary>
    /// <exception cref="IOException">Another process held it longer, or the lock file cannot be opened (the message says why).</exception>
    public Scope Enter()
    {
        _threads.Enter();
        try
        {
            var deadline = DateTime.UtcNow + Wait;
            var pause = 0;
            while (!TryTake())
            {
                if (DateTime.UtcNow >= deadline)
                {
                    throw new IOException($"Another process has held {Role} '{_path}' for over {Wait.TotalSeconds:0} s: the save was not written. A process stopped (not killed) while saving holds it until it goes on.");
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
