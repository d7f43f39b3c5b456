namespace Gc3.Persistence.Tool;

/// <summary>A mistake of the user or a state of the store the tool reports in one line, with its exit code (2: bad command line, 1: cannot be done).</summary>
internal sealed class ToolException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
