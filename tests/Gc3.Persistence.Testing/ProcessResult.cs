namespace Gc3.Persistence.Testing;

/// <summary>How a child process ended and what it wrote.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string Output, string Error)
{
    /// <summary>The output's lines, trimmed, without empty ones.</summary>
    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Throws with the whole transcript unless the process exited with 0.</summary>
    /// <exception cref="InvalidOperationException">The process exited with another code.</exception>
    public ProcessResult EnsureSuccess()
        => ExitCode == 0 ? this : throw new InvalidOperationException($"The child process failed.\n{this}");

    /// <summary>Everything, for assertion messages.</summary>
    public override string ToString() => $"$ {CommandLine}\nexit code {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
