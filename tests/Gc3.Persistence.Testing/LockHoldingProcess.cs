namespace Gc3.Persistence.Testing;

/// <summary>
/// Another process that takes an advisory <c>flock</c> on a file and keeps it, as a store's process stopped in the middle of
/// a save (in a debugger, by SIGSTOP) keeps its lock: <c>flock(1)</c> running <c>sleep</c>. Killing it lets go of the lock,
/// as the kernel does when a process dies.
/// </summary>
public sealed class LockHoldingProcess : IDisposable
{
    private readonly Process _process;

    private LockHoldingProcess(Process process) => _process = process;

    /// <summary>The holder's process ID.</summary>
    public int Id => _process.Id;

    /// <summary>Starts a process that locks <paramref name="path"/> (creating it when missing) and returns once it holds the lock.</summary>
    public static LockHoldingProcess Lock(string path)
    {
        // -o: only flock itself holds the lock, not the sleep it runs, so that its end lets go of it.
        var start = ChildProcess.StartInfo("flock", ["-o", path, "-c", "echo locked; exec sleep 600"]);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start flock.");
        var holder = new LockHoldingProcess(process);
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(30)) || line.Result != "locked")
        {
            holder.Kill();
            var error = process.StandardError.ReadToEnd();
            holder.Dispose();
            throw new InvalidOperationException($"flock did not take the lock on '{path}': {error}");
        }

        return holder;
    }

    /// <summary>Ends the holder (SIGKILL), which lets go of the lock, and waits for its end.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
