namespace Gc3.Persistence.Sql.Tests.Faults;

/// <summary>
/// The sizes of the fault suite: a short mode for every run, and a long mode asked for with
/// <c>GC3_FAULT_ROUNDS=N</c> (see docs/stores.md, "The fault suite").
/// </summary>
internal static class FaultSuite
{
    /// <summary>How many times each fault is injected: 1 in the short mode, <c>GC3_FAULT_ROUNDS</c> in the long mode.</summary>
    public static int Rounds => int.TryParse(Environment.GetEnvironmentVariable("GC3_FAULT_ROUNDS"), out var rounds) && rounds > 0 ? rounds : 1;

    /// <summary>Whether this process runs as root on Linux, which mounting a tmpfs needs.</summary>
    public static bool CanMount => OperatingSystem.IsLinux() && Environment.UserName == "root";

    /// <summary>Runs a program, returning its exit code and what it printed.</summary>
    public static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }
}
