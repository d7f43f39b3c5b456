using System.Buffers.Binary;
using Gc3.Persistence.Engine;
using Microsoft.Win32.SafeHandles;

namespace Gc3.Persistence.Files;

/// <summary>
/// Opens a record (or schema) file for reading, treating the store's directory as hostile ground: on Linux only
/// a regular file opens, never through a symbolic link (<c>O_NOFOLLOW</c>), and never blocking on a
/// FIFO (<c>O_NONBLOCK</c>); anything else is an <see cref="IOException"/> that names the path and
/// what is there. It also asks for <c>O_NOATIME</c>, as git does for its objects: with the usual
/// <c>relatime</c> mount, the first read of a file written (or renamed) since it was last read
/// updates its access time, a metadata write to the journal per record; a cold load of 100,000
/// records just saved wrote 100,000 inodes. The kernel allows the flag only to the file's owner (or
/// a process with CAP_FOWNER); elsewhere files open without it. Other systems open files the usual
/// way, refusing directories and symbolic links by a check before the open.
/// </summary>
internal sealed class ReadOnlyFile
{
    private const string Role = "the record file";
    private volatile bool _noAtime = true;

    /// <summary>Opens <paramref name="path"/> and gives its length; <see cref="FileNotFoundException"/> when it is missing.</summary>
    /// <param name="path">The file.</param>
    /// <param name="async">Whether it is read asynchronously.</param>
    /// <param name="length">Its length.</param>
    /// <param name="role">What the file is, as errors name it ("the record file", "the schema file").</param>
    public SafeFileHandle Open(string path, bool async, out long length, string role = Role)
    {
        return LinuxFiles.Available
            ? new SafeFileHandle(OpenDescriptor(path, out length, role), ownsHandle: true)
            : OpenPortably(path, async, out length, role);
    }

    /// <summary>
    /// Reads the last bytes of <paramref name="path"/> into <paramref name="end"/> (all of them when the file is as long)
    /// and gives the file's length, opened as <see cref="Open"/> opens it; allocates nothing where descriptors can be
    /// read directly (64-bit Linux).
    /// </summary>
    /// <returns>How many bytes it read; -1 when nothing is at <paramref name="path"/>.</returns>
    public int ReadEnd(string path, Span<byte> end, out long length, string role = Role)
    {
        if (!LinuxFiles.CanReadAt)
        {
            try
            {
                using var file = Open(path, async: false, out length, role);
                return length < end.Length ? 0 : RandomAccess.Read(file, end, length - end.Length);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                length = 0;
                return -1;
            }
        }

        int descriptor;
        try
        {
            descriptor = OpenDescriptor(path, out length, role);
        }
        catch (FileNotFoundException)
        {
            length = 0;
            return -1;
        }

        try
        {
            return length < end.Length ? 0 : LinuxFiles.ReadAt(descriptor, end, length - end.Length, path, role);
        }
        finally
        {
            LinuxFiles.Close(descriptor);
        }
    }

    /// <summary>
    /// The version of the record file at <paramref name="path"/>, as a load gives it: its fingerprint, from its length and
    /// the checksum it ends with (so only four bytes are read); 0 when there is no file, -1 when it is too short to be a record.
    /// </summary>
    public long VersionOf(string path)
    {
        Span<byte> checksum = stackalloc byte[sizeof(uint)];
        return ReadEnd(path, checksum, out var length) switch
        {
            < 0 => 0,
            sizeof(uint) => (long)RecordFingerprint.Of(length, BinaryPrimitives.ReadUInt32LittleEndian(checksum)),
            _ => -1,
        };
    }

    // Linux: the file's descriptor, opened with O_NOATIME as long as the kernel allows this store the flag.
    private int OpenDescriptor(string path, out long length, string role)
    {
        if (_noAtime)
        {
            var descriptor = LinuxFiles.OpenRegularDescriptor(path, LinuxFiles.ReadOnly | LinuxFiles.NoAccessTime, role, out length);
            if (descriptor >= 0)
            {
                return descriptor;
            }

            _noAtime = false; // files of another user: this store will not get the flag
        }

        return LinuxFiles.OpenRegularDescriptor(path, LinuxFiles.ReadOnly, role, out length);
    }

    private static SafeFileHandle OpenPortably(string path, bool async, out long length, string role)
    {
        var entry = new FileInfo(path);
        if (entry.LinkTarget is not null)
        {
            throw LinuxFiles.NotRegular(LinuxFiles.Kind.SymbolicLink, path, role);
        }

        if (entry.Attributes is var attributes && (int)attributes != -1 && attributes.HasFlag(FileAttributes.Directory))
        {
            throw LinuxFiles.NotRegular(LinuxFiles.Kind.Directory, path, role);
        }

        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, async ? FileOptions.Asynchronous : FileOptions.None);
        length = RandomAccess.GetLength(file);
        return file;
    }
}
