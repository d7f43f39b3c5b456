using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Gc3.Persistence.Files;

/// <summary>
/// The Linux system calls a file store needs to treat its directory as hostile ground, which .NET's
/// file API does not offer: open without following a symbolic link (<c>O_NOFOLLOW</c>) and without
/// blocking on a FIFO (<c>O_NONBLOCK</c>), the type of a file before and after it is opened
/// (<c>statx</c>), a lock that does not wait (<c>flock</c>), and the flush of a directory (<c>fsync</c>).
/// Every failure is an exception that names the path and says what is wrong.
/// </summary>
internal static partial class LinuxFiles
{
    public const int ReadOnly = 0;
    public const int ReadWrite = 2;
    public const int Create = 0x40;
    public const int Exclusive = 0x80;
    public const int NonBlocking = 0x800;
    public const int NoAccessTime = 0x40000;
    public const int CloseOnExec = 0x80000;

    /// <summary><c>O_NOFOLLOW</c>, whose value differs between architectures (x86 and x64 share the generic one).</summary>
    public static readonly int NoFollow = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

    private const int NotPermitted = 1; // EPERM
    private const int NoSuchFile = 2; // ENOENT
    private const int WouldBlock = 11; // EAGAIN, EWOULDBLOCK
    private const int AccessDenied = 13; // EACCES
    private const int NotADirectory = 20; // ENOTDIR
    private const int IsADirectory = 21; // EISDIR
    private const int ReadOnlyFileSystem = 30; // EROFS
    private const int TooManyLinks = 40; // ELOOP: O_NOFOLLOW met a symbolic link

    private const int CurrentDirectory = -100; // AT_FDCWD
    private const int DoNotFollow = 0x100; // AT_SYMLINK_NOFOLLOW
    private const int EmptyPath = 0x1000; // AT_EMPTY_PATH: statx of the descriptor itself
    private const uint TypeAndSize = 0x1 | 0x200; // STATX_TYPE | STATX_SIZE
    private const uint InodeNumber = 0x100; // STATX_INO
    private const uint RenameExchangeFlag = 2; // RENAME_EXCHANGE
    private const uint RenameNoReplaceFlag = 1; // RENAME_NOREPLACE
    private const int AlreadyExists = 17; // EEXIST
    private const int NotSupported = 95; // EOPNOTSUPP
    private const int InvalidArgument = 22; // EINVAL
    private const int NoSystemCall = 38; // ENOSYS
    private const int LockExclusive = 2; // LOCK_EX
    private const int LockNonBlocking = 4; // LOCK_NB
    private const int LockRelease = 8; // LOCK_UN

    /// <summary>
    /// Whether these calls work here: Linux, with a C library that has <c>statx</c> (glibc 2.28,
    /// musl 1.2.5) and a kernel or sandbox that allows it. Elsewhere stores use .NET's file API.
    /// </summary>
    public static bool Available { get; } = OperatingSystem.IsLinux() && Probe();

    /// <summary>What a directory entry is.</summary>
    public enum Kind
    {
        Missing,
        Regular,
        Directory,
        SymbolicLink,
        Fifo,
        CharacterDevice,
        BlockDevice,
        Socket,
    }

    /// <summary>What <paramref name="path"/> itself is (a link is not followed); <see cref="Kind.Missing"/> when nothing is there.</summary>
    public static Kind KindOf(string path, string role)
    {
        if (Statx(CurrentDirectory, path, DoNotFollow, TypeAndSize, out var status) == 0)
        {
            return KindOf(status.Mode);
        }

        var error = Marshal.GetLastPInvokeError();
        return error == NoSuchFile ? Kind.Missing : throw Failure(error, path, role);
    }

    /// <summary>
    /// Opens <paramref name="path"/> with <paramref name="flags"/> (<see cref="NoFollow"/>, <see cref="NonBlocking"/>
    /// and <see cref="CloseOnExec"/> always added) when it is a regular file or (with <see cref="Create"/>) missing,
    /// and gives its length. Anything else is refused without being opened; something swapped in between
    /// the check and the open is at most opened without blocking, then refused and closed at once.
    /// </summary>
    /// <returns>The open file; <see langword="null"/> only when <paramref name="flags"/> hold <see cref="NoAccessTime"/>
    /// and the kernel refused that flag (EPERM: the file is another user's): the caller opens again without it.</returns>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>, and <paramref name="flags"/> do not create it.</exception>
    /// <exception cref="IOException">It is not a regular file, or the system refused: the message names the path and says why.</exception>
    public static SafeFileHandle? OpenRegular(string path, int flags, string role, out long length)
    {
        var descriptor = OpenRegularDescriptor(path, flags, role, out length);
        return descriptor < 0 ? null : new SafeFileHandle(descriptor, ownsHandle: true);
    }

    /// <summary>
    /// <see cref="OpenRegular"/>, giving the bare descriptor (-1 where that gives <see langword="null"/>), which the caller
    /// closes with <see cref="Close"/>: no object is allocated, for the version check of every save that replaces a record.
    /// </summary>
    public static int OpenRegularDescriptor(string path, int flags, string role, out long length)
    {
        length = 0;
        var kind = KindOf(path, role);
        if (kind is Kind.Missing && (flags & Create) == 0)
        {
            throw Failure(NoSuchFile, path, role);
        }

        if (kind is not (Kind.Regular or Kind.Missing))
        {
            throw NotRegular(kind, path, role);
        }

        var descriptor = OpenNative(path, flags | NoFollow | NonBlocking | CloseOnExec, 0x1B6); // 0666 less the umask, as .NET creates files
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error == NotPermitted && (flags & NoAccessTime) != 0 ? -1 : throw Failure(error, path, role);
        }

        try
        {
            if (Statx(descriptor, string.Empty, EmptyPath, TypeAndSize, out var status) != 0)
            {
                throw Failure(Marshal.GetLastPInvokeError(), path, role);
            }

            if (KindOf(status.Mode) is var opened and not Kind.Regular)
            {
                throw NotRegular(opened, path, role);
            }

            length = (long)status.Size;
            return descriptor;
        }
        catch
        {
            _ = CloseNative(descriptor);
            throw;
        }
    }

    /// <summary>
    /// Reads into <paramref name="buffer"/> from <paramref name="offset"/> of an open descriptor (<c>pread</c>, whose offset
    /// is 64 bits wide in 64-bit processes only: see <see cref="CanReadAt"/>); gives how many bytes it read.
    /// </summary>
    public static int ReadAt(int descriptor, Span<byte> buffer, long offset, string path, string role)
    {
        var read = Pread(descriptor, ref MemoryMarshal.GetReference(buffer), (nuint)buffer.Length, (nint)offset);
        return read >= 0 ? (int)read : throw Failure(Marshal.GetLastPInvokeError(), path, role);
    }

    /// <summary>Whether <see cref="ReadAt"/> may be used: a 64-bit process, where <c>off_t</c> is as wide as <c>nint</c>.</summary>
    public static bool CanReadAt => Available && Environment.Is64BitProcess;

    /// <summary>Closes a descriptor <see cref="OpenRegularDescriptor"/> gave.</summary>
    public static void Close(int descriptor) => _ = CloseNative(descriptor);

    /// <summary>Takes <paramref name="handle"/>'s exclusive lock if no one holds it; <see langword="false"/> when someone does.</summary>
    public static bool TryLock(SafeFileHandle handle, string path, string role)
    {
        if (Flock(handle, LockExclusive | LockNonBlocking) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == WouldBlock ? false : throw Failure(error, path, role);
    }

    /// <summary>Lets go of the lock <see cref="TryLock"/> took on <paramref name="handle"/>.</summary>
    public static void Unlock(SafeFileHandle handle, string path, string role)
    {
        if (Flock(handle, LockRelease) != 0)
        {
            throw Failure(Marshal.GetLastPInvokeError(), path, role);
        }
    }

    /// <summary>
    /// Flushes <paramref name="directory"/> itself to disk: after a rename, the new name is on disk only
    /// once its directory is (a flush of the file covers its content, not the entry that names it).
    /// </summary>
    public static void FlushDirectory(string directory)
    {
        var descriptor = OpenNative(directory, ReadOnly | CloseOnExec, 0);
        if (descriptor < 0)
        {
            throw Failure(Marshal.GetLastPInvokeError(), directory, "the store's directory");
        }

        using var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        if (Fsync(handle) != 0)
        {
            throw Failure(Marshal.GetLastPInvokeError(), directory, "the store's directory");
        }
    }

    /// <summary>What <see cref="Exchange"/> or <see cref="RenameNoReplace"/> did.</summary>
    public enum RenameResult
    {
        /// <summary>The files were exchanged, or the file renamed.</summary>
        Done,

        /// <summary>An exchange found nothing at the target.</summary>
        TargetMissing,

        /// <summary>A rename that does not replace found something at the target; nothing was renamed.</summary>
        TargetExists,

        /// <summary>The file system or kernel cannot do it.</summary>
        Unsupported,
    }

    /// <summary>
    /// Swaps the files at <paramref name="from"/> and <paramref name="to"/> in one step
    /// (<c>renameat2</c> with <c>RENAME_EXCHANGE</c>): a reader of <paramref name="to"/> finds the old
    /// file or the new one, never nothing, and the old file is left under <paramref name="from"/>. Unlike
    /// a rename over an existing file, ext4 does not start writing the new file's data back at once
    /// (its <c>auto_da_alloc</c> heuristic), which is what made replacing a record slow.
    /// </summary>
    /// <returns><see cref="RenameResult.Done"/>, <see cref="RenameResult.TargetMissing"/> or <see cref="RenameResult.Unsupported"/>.</returns>
    public static RenameResult Exchange(string from, string to, string role) => Rename(from, to, RenameExchangeFlag, role);

    /// <summary>
    /// Renames <paramref name="from"/> to <paramref name="to"/> only if nothing is at <paramref name="to"/>, in one step
    /// (<c>renameat2</c> with <c>RENAME_NOREPLACE</c>): the same cost as a plain rename, which would replace whatever is there.
    /// </summary>
    /// <returns><see cref="RenameResult.Done"/>, <see cref="RenameResult.TargetExists"/> or <see cref="RenameResult.Unsupported"/>.</returns>
    public static RenameResult RenameNoReplace(string from, string to, string role) => Rename(from, to, RenameNoReplaceFlag, role);

    // renameat2 with flags, its error read as RenameResult says.
    private static RenameResult Rename(string from, string to, uint flags, string role)
    {
        var error = TryRenameAt2(from, to, flags);
        return error switch
        {
            0 => RenameResult.Done,
            NoSuchFile when flags == RenameExchangeFlag && File.Exists(from) => RenameResult.TargetMissing,
            AlreadyExists when flags == RenameNoReplaceFlag => RenameResult.TargetExists,
            NotSupported or InvalidArgument or NoSystemCall => RenameResult.Unsupported,
            _ => throw Failure(error, to, role),
        };
    }

    // renameat2 with flags: 0 when done, else the error number (ENOSYS for a C library without renameat2).
    private static int TryRenameAt2(string from, string to, uint flags)
    {
        try
        {
            return RenameAt2(CurrentDirectory, from, CurrentDirectory, to, flags) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
        catch (EntryPointNotFoundException)
        {
            return NoSystemCall;
        }
    }

    /// <summary>The inode number of the file at <paramref name="path"/> (a link is not followed); 0 when nothing is there.</summary>
    public static ulong InodeOf(string path)
    {
        if (Statx(CurrentDirectory, path, DoNotFollow, InodeNumber, out var status) == 0)
        {
            return status.Inode;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == NoSuchFile ? 0UL : throw Failure(error, path, "the file");
    }

    /// <summary>The inode number of an open file.</summary>
    public static ulong InodeOf(SafeFileHandle handle, string path)
        => Statx(handle, string.Empty, EmptyPath, InodeNumber, out var status) == 0
            ? status.Inode
            : throw Failure(Marshal.GetLastPInvokeError(), path, "the file");

    /// <summary>Flushes an open file to disk (<c>fsync</c>).</summary>
    public static void Flush(SafeFileHandle handle, string path, string role)
    {
        if (Fsync(handle) != 0)
        {
            throw Failure(Marshal.GetLastPInvokeError(), path, role);
        }
    }

    /// <summary>An exception for <paramref name="error"/> (an errno) that names <paramref name="path"/> and says what is wrong.</summary>
    public static Exception Failure(int error, string path, string role) => error switch
    {
        NoSuchFile => new FileNotFoundException($"{Capitalized(role)} '{path}' does not exist.", path),
        NotADirectory => new DirectoryNotFoundException($"{Capitalized(role)} '{path}' cannot be reached: a part of its path is not a directory."),
        AccessDenied when UnsearchableFolderAbove(path) is { } folder
            => new UnauthorizedAccessException($"Permission denied: this process may not search the folder '{folder}' (it needs execute permission on it), so {role} '{path}' cannot be reached."),
        AccessDenied or NotPermitted => new UnauthorizedAccessException($"{Capitalized(role)} '{path}' cannot be opened: permission denied."),
        TooManyLinks => NotRegular(Kind.SymbolicLink, path, role),
        IsADirectory => NotRegular(Kind.Directory, path, role),
        ReadOnlyFileSystem => new IOException($"{Capitalized(role)} '{path}' cannot be written: it is on a read-only file system.", error),
        _ => new IOException($"{Capitalized(role)} '{path}' cannot be opened: {Marshal.GetPInvokeErrorMessage(error)}.", error),
    };

    // The folder that refused a path with EACCES because this process may not search it (no execute permission), when
    // that is why: the path itself cannot even be looked at, and the nearest folder above it that can is the one that
    // refuses (every folder above that one let the look through). Null when the path can be looked at: the refusal is its own.
    private static string? UnsearchableFolderAbove(string path)
    {
        if (Statx(CurrentDirectory, path, DoNotFollow, TypeAndSize, out _) == 0 || Marshal.GetLastPInvokeError() != AccessDenied)
        {
            return null;
        }

        for (var folder = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(path)); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            if (Statx(CurrentDirectory, folder, DoNotFollow, TypeAndSize, out _) == 0)
            {
                return folder;
            }
        }

        return null;
    }

    /// <summary>The refusal of what is not a regular file, naming what it is.</summary>
    public static IOException NotRegular(Kind kind, string path, string role) => new(kind switch
    {
        Kind.SymbolicLink => $"{Capitalized(role)} '{path}' is a symbolic link: a file store never follows one, which could lead outside its directory.",
        Kind.Directory => $"{Capitalized(role)} '{path}' is a directory, where the store keeps a file.",
        Kind.Fifo => $"{Capitalized(role)} '{path}' is a FIFO (named pipe), not a regular file: the store does not open it.",
        Kind.CharacterDevice => $"{Capitalized(role)} '{path}' is a character device, not a regular file: the store does not open it.",
        Kind.BlockDevice => $"{Capitalized(role)} '{path}' is a block device, not a regular file: the store does not open it.",
        Kind.Socket => $"{Capitalized(role)} '{path}' is a socket, not a regular file: the store does not open it.",
        _ => $"{Capitalized(role)} '{path}' is not a regular file: the store does not open it.",
    });

    private static bool Probe()
    {
        try
        {
            return Statx(CurrentDirectory, "/", 0, TypeAndSize, out var status) == 0 && KindOf(status.Mode) == Kind.Directory;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    private static string Capitalized(string role) => string.Concat(role[..1].ToUpperInvariant(), role.AsSpan(1));

    private static Kind KindOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => Kind.Regular,
        0x4000 => Kind.Directory,
        0xA000 => Kind.SymbolicLink,
        0x1000 => Kind.Fifo,
        0x2000 => Kind.CharacterDevice,
        0x6000 => Kind.BlockDevice,
        _ => Kind.Socket,
    };

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, out StatxBuffer status);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(SafeFileHandle file, string path, int flags, uint mask, out StatxBuffer status);

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int fromDirectory, string from, int toDirectory, string to, uint flags);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(SafeFileHandle file, int operation);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static partial nint Pread(int file, ref byte buffer, nuint count, nint offset);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseNative(int file);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(SafeFileHandle file);

    // struct statx of <linux/stat.h>, the same on every architecture; only the type and size are read.
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct StatxBuffer
    {
        public uint Mask;
        public uint BlockSize;
        public ulong Attributes;
        public uint Links;
        public uint User;
        public uint Group;
        public ushort Mode;
        public ushort Spare;
        public ulong Inode;
        public ulong Size;
    }
}
