namespace Gc3.Persistence.Packaging.Tests;

/// <summary>How a child process ended and what it wrote.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string Output, string Error)
{
    /// <summary>Everything, for assertion messages.</summary>
    public override string ToString() => $"$ {CommandLine}\nexit code {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";

    /// <summary>Fails with the whole transcript unless the process exited with 0.</summary>
    public ProcessResult EnsureSuccess()
    {
        Assert.True(ExitCode == 0, ToString());
        return this;
    }
}
