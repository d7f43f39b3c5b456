using System.Diagnostics;

namespace Gc3.Persistence.Tool.Tests.Infrastructure;

/// <summary>Runs the tool and the sample as a user would: one process per command, through <c>dotnet</c>.</summary>
public static class Processes
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Runs <c>gc3p</c> with <paramref name="arguments"/>.</summary>
    public static ProcessResult Gc3p(params string[] arguments) => Run([Repository.ToolDll, .. arguments]);

    /// <summary>Runs the sample job manager against <paramref name="store"/>.</summary>
    public static ProcessResult JobManager(string store, params string[] arguments) => Run([Repository.SampleDll, "--store", store, .. arguments]);

    /// <summary>Starts <c>gc3p</c> without waiting for it (to kill it midway).</summary>
    public static Process StartGc3p(params string[] arguments)
    {
        var start = StartInfo([Repository.ToolDll, .. arguments]);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start gc3p");
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static ProcessResult Run(string[] arguments)
    {
        var start = StartInfo(arguments);
        var commandLine = "dotnet " + string.Join(" ", arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {commandLine}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"{commandLine} did not finish within {Timeout}:\n{stdout.Result}\n{stderr.Result}");
        }

        process.WaitForExit();
        return new ProcessResult(commandLine, process.ExitCode, stdout.Result, stderr.Result);
    }

    private static ProcessStartInfo StartInfo(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        ChildDotnet.UseCleanEnvironment(start);
        return start;
    }
}
