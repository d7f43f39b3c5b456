using Microsoft.Win32.SafeHandles;

namespace Gc3.Persistence.Files;

/// <summary>
/// The journal of one commit in flight, written by <see cref="JournalDirectory.Write"/>. Its writer
/// holds an exclusive lock on it until the commit is finished or undone, so recovery in another
/// process never touches a commit whose writer is alive; the kernel drops the lock when the writer
/// dies, however it dies.
/// </summary>
internal sealed class CommitJournal : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly string _path;
    private bool _closed;

    public CommitJournal(SafeFileHandle handle, string path)
    {
        _handle = handle;
        _path = path;
    }

    /// <summary>The journal's path.</summary>
    public string Path => _path;

    /// <summary>The commit is applied (or undone): removes the journal, then lets go of its lock.</summary>
    public void Remove()
    {
        try
        {
            File.Delete(_path);
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Lets go of the lock and leaves the journal for recovery to finish the commit.</summary>
    public void Dispose()
    {
        if (!_closed)
        {
            _closed = true;
            _handle.Dispose();
        }
    }
}
