using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gc3.Persistence.Tests.StoreContract;

/// <summary>
/// Runs <c>tests/Gc3.Persistence.TestWorker</c> as a child process (built next to every test project
/// under tests/), and reads its stdout line by line.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly ConcurrentQueue<string> _errors = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.CompleteAdding();
            }
            else
            {
                _lines.Add(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _errors.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string StandardError => string.Join('\n', _errors);

    /// <summary>The folder of the built worker and its dependencies.</summary>
    public static string WorkerDirectory => Path.GetDirectoryName(WorkerPath())!;

    public static WorkerProcess Start(params string[] arguments)
        => Start(DotnetHost, [WorkerPath(), .. arguments]);

    /// <summary>Runs the worker with <paramref name="environment"/> added to this process's environment.</summary>
    public static WorkerProcess StartWith(IReadOnlyDictionary<string, string> environment, params string[] arguments)
        => Start(DotnetHost, [WorkerPath(), .. arguments], environment: environment);

    /// <summary>
    /// Runs the worker whose build was copied to <paramref name="workerDirectory"/> as another user
    /// (Linux, through <c>setpriv</c>, which only root may do), with that user's groups and no others.
    /// </summary>
    public static WorkerProcess StartAsUser(int userId, string workerDirectory, params string[] arguments)
    {
        var id = userId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var worker = Path.Combine(workerDirectory, Path.GetFileName(WorkerPath()));
        return Start("setpriv", ["--reuid", id, "--regid", id, "--clear-groups", DotnetHost, worker, .. arguments], home: workerDirectory);
    }

    /// <summary>
    /// Has a worker load <paramref name="id"/> from <paramref name="storeUri"/> (a damaged or hostile record, which may
    /// end a process); the load must fail with a <see cref="LoadException"/>: the worker's one line, which names it.
    /// </summary>
    public static string LoadFailure(string storeUri, Id id)
    {
        using var worker = Start("try-load", storeUri, id.ToString());
        var lines = worker.ReadToEnd();

        Assert.Single(lines);
        Assert.StartsWith("LoadException", lines[0]);
        return lines[0];
    }

    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private static WorkerProcess Start(string program, IEnumerable<string> arguments, string? home = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = ChildProcess.StartInfo(program, arguments);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        if (home is not null)
        {
            info.Environment["HOME"] = home; // the other user can't read ours
            info.Environment["DOTNET_CLI_HOME"] = home;
        }

        return new WorkerProcess(Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}."));
    }

    /// <summary>The next line of output, or null when the process ended.</summary>
    public string? ReadLine(TimeSpan? timeout = null)
    {
        if (_lines.TryTake(out var line, timeout ?? DefaultTimeout))
        {
            return line;
        }

        if (_lines.IsCompleted)
        {
            return null;
        }

        throw new TimeoutException($"The worker wrote nothing for {timeout ?? DefaultTimeout}. stderr: {StandardError}");
    }

    public void WriteLine(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Every remaining line, once the process exited; fails on a non-zero exit code.</summary>
    public List<string> ReadToEnd()
    {
        var lines = new List<string>();
        while (ReadLine() is { } line)
        {
            lines.Add(line);
        }

        if (!_process.WaitForExit(DefaultTimeout))
        {
            throw new TimeoutException("The worker did not exit.");
        }

        Assert.True(_process.ExitCode == 0, $"The worker exited with {_process.ExitCode}: {StandardError}");
        return lines;
    }

    /// <summary>Waits for a worker expected to fail; gives its exit code, with <see cref="StandardError"/> read whole.</summary>
    public int WaitForFailure()
    {
        while (ReadLine() is not null)
        {
        }

        if (!_process.WaitForExit(DefaultTimeout))
        {
            throw new TimeoutException("The worker did not exit.");
        }

        _process.WaitForExit(); // the last lines of standard error
        return _process.ExitCode;
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private static string WorkerPath()
    {
        // Test output: tests/<TestProject>/bin/<Configuration>/<tfm>/; the worker's is the same under its own folder.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = output.Name;
        var configuration = output.Parent!.Name;
        var tests = output.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(tests, "Gc3.Persistence.TestWorker", "bin", configuration, tfm, "Gc3.Persistence.TestWorker.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build tests/Gc3.Persistence.TestWorker first: {path} is missing.");
    }
}
