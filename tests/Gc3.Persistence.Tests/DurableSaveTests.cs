using System.Diagnostics;

namespace Gc3.Persistence.Tests;

/// <summary>
/// <see cref="StoreOptions.Durable"/> on the file store flushes the record, then the directory that
/// holds its new name. A power loss itself cannot be tested here (nothing in a test can cut the
/// power between the rename and the disk's cache, and a VM's virtual disk may not honour flushes at
/// all): the tests check that every flush the guarantee needs is asked of the kernel, by tracing
/// this process's fsync calls with strace, and that a durable save loads.
/// </summary>
[Collection(TracedProcessCollection.Name)]
public sealed class DurableSaveTests() : TemporaryDirectoryTests("durable")
{
    [Fact]
    public void A_durable_save_loads()
    {
        using var store = new FilesystemStore(Folder.Path, new StoreOptions { Durable = true });
        var job = Samples.Job("durable");
        var id = store.Save(job);
        store.Save(job); // a second time: the rename replaces a record

        using var reopened = new FilesystemStore(Folder.Path);
        Samples.AssertSameJob(job, reopened.Load<Job>(id));
    }

    [Fact]
    public void A_durable_save_flushes_theFolder_after_the_rename()
    {
        var storePath = Folder.Combine("store");
        using var store = new FilesystemStore(storePath, new StoreOptions { Durable = true });
        using var trace = FsyncTrace.Start(Folder.Combine("fsync.trace"));
        if (trace is null)
        {
            return; // no strace, or this process may not be traced here
        }

        var id = store.Save(Samples.Executable("flushed"));
        var calls = trace.Stop();

        var record = calls.FindLastIndex(c => c.Contains($"<{storePath}/.{id}.", StringComparison.Ordinal)); // the temporary file
        var directory = calls.FindLastIndex(c => c.Contains($"<{storePath}>", StringComparison.Ordinal));
        Assert.True(record >= 0, "the record was not flushed:\n" + string.Join('\n', calls));
        Assert.True(directory > record, "the directory was not flushed after the record:\n" + string.Join('\n', calls));
    }

    /// <summary>strace attached to this process, writing its fsync calls (with the paths of their files) to a file.</summary>
    private sealed class FsyncTrace : IDisposable
    {
        private readonly Process _strace;
        private readonly string _output;

        private FsyncTrace(Process strace, string output) => (_strace, _output) = (strace, output);

        public static FsyncTrace? Start(string output)
        {
            if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/strace"))
            {
                return null;
            }

            var info = new ProcessStartInfo("/usr/bin/strace") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-f", "-y", "-e", "trace=fsync,fdatasync", "-o", output, "-p", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                info.ArgumentList.Add(argument);
            }

            var trace = new FsyncTrace(Process.Start(info)!, output);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (DateTime.UtcNow < deadline && !trace._strace.HasExited)
            {
                // Traced once this thread (strace attaches every thread of the process) reports a tracer.
                if (File.ReadLines("/proc/thread-self/status").Any(l => l.StartsWith("TracerPid:", StringComparison.Ordinal) && l.Split('\t')[1] != "0"))
                {
                    return trace;
                }

                Thread.Sleep(20);
            }

            trace.Dispose();
            return null;
        }

        // Detaches strace (SIGINT makes it let go of every thread cleanly) and returns the calls it saw.
        public List<string> Stop()
        {
            using (var kill = Process.Start("kill", ["-INT", _strace.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit();
            }

            _strace.WaitForExit();
            return [.. File.ReadAllLines(_output)];
        }

        public void Dispose()
        {
            if (!_strace.HasExited)
            {
                _strace.Kill();
                _strace.WaitForExit();
            }

            _strace.Dispose();
        }
    }
}
