namespace Gc3.Persistence.Testing;

/// <summary>Runs a child process that tests start (dotnet, a published binary, the tool) to its end, within a time limit.</summary>
public static class ChildProcess
{
    /// <summary>
    /// The start of <paramref name="fileName"/> with <paramref name="arguments"/>: every stream redirected, in the
    /// clean environment of <see cref="ChildDotnet.UseCleanEnvironment"/>.
    /// </summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        ChildDotnet.UseCleanEnvironment(start);
        return start;
    }

    /// <summary>Runs <paramref name="start"/> with no input and waits for its end and all its output.</summary>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/> (it is killed, with its children; the message holds its output).</exception>
    public static ProcessResult Run(ProcessStartInfo start, TimeSpan timeout)
    {
        var commandLine = string.Join(" ", new[] { start.FileName }.Concat(start.ArgumentList).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {commandLine}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{commandLine} did not finish within {timeout}:\n{stdout.Result}\n{stderr.Result}");
        }

        process.WaitForExit(); // and its output's end
        return new ProcessResult(commandLine, process.ExitCode, stdout.Result, stderr.Result);
    }
}
