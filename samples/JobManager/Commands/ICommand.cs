using JobManager.Cli;

namespace JobManager.Commands;

/// <summary>One sub-command of the job manager.</summary>
internal interface ICommand
{
    CommandSpec Spec { get; }

    /// <summary>Carries the command out; returns the process exit code.</summary>
    int Execute(ParsedArguments args, CommandContext context);
}
