namespace Gc3.Persistence.Tool.Tests.Infrastructure;

/// <summary>What a child process did: its exit code, standard output and standard error.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string Output, string Error)
{
    /// <summary>The output's lines, without empty ones.</summary>
    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Fails the test unless the process exited with 0.</summary>
    public ProcessResult EnsureSuccess()
    {
        Assert.True(ExitCode == 0, $"{this}");
        return this;
    }

    public override string ToString() => $"$ {CommandLine}\nexit code {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
