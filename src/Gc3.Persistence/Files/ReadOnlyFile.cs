using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Gc3.Persistence.Files;

/// <summary>
/// Opens a record file for reading. On Linux it asks for <c>O_NOATIME</c>, as git does for its
/// objects: with the usual <c>relatime</c> mount, the first read of a file written (or renamed)
/// since it was last read updates its access time, a metadata write to the journal per record; a
/// cold load of 100,000 records just saved wrote 100,000 inodes. The kernel allows the flag only to
/// the file's owner (or a process with CAP_FOWNER); elsewhere, and on other systems, files open the
/// usual way.
/// </summary>
internal sealed partial class ReadOnlyFile
{
    private const int ReadOnlyNoAtimeCloseOnExec = 0x40000 | 0x80000; // O_RDONLY (0) | O_NOATIME | O_CLOEXEC, the same on x64 and arm64
    private const int NotPermitted = 1; // EPERM: not the file's owner
    private volatile bool _noAtime = OperatingSystem.IsLinux();

    /// <summary>Opens <paramref name="path"/>; throws as <see cref="File.OpenHandle"/> does (<see cref="FileNotFoundException"/> for a missing file).</summary>
    public SafeFileHandle Open(string path, bool async)
    {
        if (_noAtime)
        {
            var descriptor = OpenNative(path, ReadOnlyNoAtimeCloseOnExec);
            if (descriptor >= 0)
            {
                return new SafeFileHandle((nint)descriptor, ownsHandle: true);
            }

            if (Marshal.GetLastPInvokeError() == NotPermitted)
            {
                _noAtime = false; // files of another user: this store will not get the flag
            }
        }

        // Any failure (a missing file included) is reported by .NET's own open, in its usual exceptions.
        return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, async ? FileOptions.Asynchronous : FileOptions.None);
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags);
}
