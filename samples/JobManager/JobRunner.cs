using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using JobManager.Domain;

namespace JobManager;

/// <summary>Runs a job's program as a local process and captures how it ended.</summary>
internal static class JobRunner
{
    /// <summary>How much of a process's output a job keeps.</summary>
    public const int MaxOutputChars = 4000;

    /// <summary>The exit code of a job whose program is gone or cannot be started (as a shell reports it).</summary>
    public const int NotFoundExitCode = 127;

    /// <summary>The exit code of a job whose program file changed since it was submitted.</summary>
    public const int ChangedExitCode = 126;

    /// <summary>The exit code of a job killed for running past the time limit (128 + SIGKILL, as a shell reports it).</summary>
    public const int TimedOutExitCode = 137;

    /// <summary>Runs the process; returns its exit code and the start of its output (standard output, then standard error).</summary>
    public static (int ExitCode, string Output) Run(Job job, TimeSpan timeout)
    {
        var executable = job.Executable ?? throw new InvalidOperationException($"job {job.PersistentId} has no executable");
        if (!File.Exists(executable.Path))
        {
            return (NotFoundExitCode, $"{executable.Path}: no such file");
        }

        // The checksum recorded at submission guards against running something else than was asked for.
        if (JobRepository.Fingerprint(executable.Path).Checksum != executable.Checksum)
        {
            return (ChangedExitCode, $"{executable.Path} changed since the job was submitted (SHA-256 differs); not run");
        }

        var start = new ProcessStartInfo(executable.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in job.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in job.Environment)
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("no process was started");
        }
        catch (Win32Exception e)
        {
            return (NotFoundExitCode, $"{executable.Path}: {e.Message}");
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return (TimedOutExitCode, Truncate($"killed after {timeout.TotalSeconds:0} s\n{Collect(stdout, stderr)}"));
            }

            process.WaitForExit(); // lets the output readers finish
            return (process.ExitCode, Truncate(Collect(stdout, stderr)));
        }
    }

    private static string Collect(Task<string> stdout, Task<string> stderr)
    {
        var text = new StringBuilder();
        text.Append(stdout.Wait(TimeSpan.FromSeconds(5)) ? stdout.Result : "");
        text.Append(stderr.Wait(TimeSpan.FromSeconds(5)) ? stderr.Result : "");
        return text.ToString();
    }

    private static string Truncate(string output) => output.Length <= MaxOutputChars ? output : output[..MaxOutputChars] + "\n[output truncated]";
}
