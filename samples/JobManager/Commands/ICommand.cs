using System.CommandLine;

namespace JobManager.Commands;

/// <summary>One sub-command of the job manager: its System.CommandLine definition and what it does.</summary>
internal interface ICommand
{
    /// <summary>The command's name, arguments, options and help.</summary>
    Command Definition { get; }

    /// <summary>
    /// Whether the command works only on a store that exists: such a command never creates one, and on a
    /// missing store says so (exit code 1) instead of showing an empty one.
    /// </summary>
    bool NeedsExistingStore { get; }

    /// <summary>Carries the command out; returns the process exit code.</summary>
    int Execute(ParseResult parsed, CommandContext context);
}
