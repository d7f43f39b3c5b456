using System.Diagnostics;

namespace Gc3.Persistence.Tests;

/// <summary>
/// A file store on a read-only file system (a tmpfs mounted read-only, which only root may mount):
/// loads work, saves fail at once and say why.
/// </summary>
public sealed class ReadOnlyFileSystemTests() : TemporaryDirectoryTests("read-only")
{
    private bool _mounted;

    public override void Dispose()
    {
        if (_mounted)
        {
            Run("umount", "-l", Folder.Path);
        }

        base.Dispose();
    }

    [Fact]
    public void A_save_fails_at_once_naming_the_read_only_file_system_and_loads_still_work()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || Run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", Folder.Path) != 0)
        {
            return; // mounting is not permitted here
        }

        _mounted = true;
        Id id;
        using (var store = new FilesystemStore(Folder.Path))
        {
            id = store.Save(Samples.Job("saved before"));
        }

        Assert.Equal(0, Run("mount", "-o", "remount,ro", Folder.Path));
        using var readOnly = new FilesystemStore(Folder.Path);
        var clock = Stopwatch.StartNew();
        var save = Assert.ThrowsAny<IOException>(() => readOnly.Save(Samples.Job("saved after")));
        var replace = Assert.ThrowsAny<IOException>(() => readOnly.Replace(id, Samples.Job("replaced after")));
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the save took {clock.Elapsed} to fail");
        Assert.Contains(Path.Combine(Folder.Path, FilesystemStore.CounterFileName), save.Message, StringComparison.Ordinal);
        Assert.Contains("read-only file system", save.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("read-only file system", replace.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("saved before", readOnly.Load<Job>(id).Name);
    }

    private static int Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
