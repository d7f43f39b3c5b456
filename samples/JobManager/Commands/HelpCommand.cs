using JobManager.Cli;

namespace JobManager.Commands;

/// <summary><c>help [COMMAND]</c>: the list of commands, or one command's options.</summary>
internal sealed class HelpCommand(Func<IReadOnlyList<ICommand>> commands) : ICommand
{
    public CommandSpec Spec { get; } = new("help", "[COMMAND]", "show this help, or a command's options", 0, 1, []);

    public int Execute(ParsedArguments args, CommandContext context)
    {
        if (args.Positionals.Count == 1)
        {
            var command = commands().FirstOrDefault(c => c.Spec.Name == args.Positionals[0])
                ?? throw new UsageException($"there is no command '{args.Positionals[0]}'; commands: {string.Join(", ", commands().Select(c => c.Spec.Name))}");
            WriteCommand(command.Spec, context.Out);
            return 0;
        }

        WriteOverview(commands(), context.Out);
        return 0;
    }

    public static void WriteOverview(IReadOnlyList<ICommand> commands, TextWriter output)
    {
        output.WriteLine("jobmanager: submit, run and inspect jobs kept in a Gc3.Persistence store.");
        output.WriteLine();
        output.WriteLine("Commands:");
        foreach (var command in commands)
        {
            output.WriteLine($"  {command.Spec.Synopsis,-52} {command.Spec.Summary}");
        }

        output.WriteLine();
        output.WriteLine($"Every command takes {OptionSpec.Store.Name} {OptionSpec.Store.ValueName}: {OptionSpec.Store.Help}.");
        output.WriteLine("'jobmanager help COMMAND' shows a command's options.");
    }

    public static void WriteCommand(CommandSpec spec, TextWriter output)
    {
        output.WriteLine($"usage: {spec.Synopsis}");
        output.WriteLine($"  {spec.Summary}");
        output.WriteLine();
        foreach (var option in spec.Options.Append(OptionSpec.Store))
        {
            output.WriteLine($"  {option.Name + (option.TakesValue ? " " + option.ValueName : ""),-18} {option.Help}");
        }
    }
}
