namespace Gc3.Persistence.Tool;

/// <summary>One sub-command of gc3p: its System.CommandLine definition and what it does.</summary>
internal interface IToolCommand
{
    /// <summary>The command's name, arguments, options and help.</summary>
    Command Definition { get; }

    /// <summary>Runs the command; returns the exit code.</summary>
    Task<int> ExecuteAsync(ParseResult parsed, ToolContext context, CancellationToken cancellationToken);
}
