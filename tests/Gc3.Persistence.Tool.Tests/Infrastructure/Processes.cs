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

    private static ProcessResult Run(string[] arguments) => ChildProcess.Run(StartInfo(arguments), Timeout);

    private static ProcessStartInfo StartInfo(string[] arguments) => ChildProcess.StartInfo("dotnet", arguments);
}
