using System.Data.Common;
using Gc3.Persistence;
using JobManager.Cli;
using JobManager.Commands;

namespace JobManager;

/// <summary>
/// Finds the command, parses its arguments and runs it. Mistakes of the user become one line on
/// standard error and a non-zero exit code (2: bad command line, 1: cannot be done), never a stack trace.
/// </summary>
internal sealed class JobManagerApp
{
    private readonly IReadOnlyList<ICommand> _commands;

    public JobManagerApp()
    {
        var commands = new List<ICommand>();
        commands.AddRange(
        [
            new SubmitCommand(),
            new ListCommand(),
            new ShowCommand(),
            new RunCommand(),
            new RemoveCommand(),
            new InfoCommand(),
            new DemoCommand(Dispatch),
            new HelpCommand(() => commands),
        ]);
        _commands = commands;
    }

    /// <summary>Runs one command line against the store named by --store, else <paramref name="storeVariable"/>, else ./jobs.</summary>
    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, string? storeVariable)
    {
        var store = string.IsNullOrWhiteSpace(storeVariable) ? CommandContext.DefaultStore : storeVariable;
        return Dispatch(args, new CommandContext(output, error, store, () => DateTime.UtcNow));
    }

    private int Dispatch(IReadOnlyList<string> args, CommandContext context)
    {
        try
        {
            var (name, rest) = CommandLineParser.SplitCommand(args);
            if (name is null)
            {
                // "jobmanager --help" asked for the overview; a bare "jobmanager" forgot the command.
                var asked = rest.Contains("--help") || rest.Contains("-h");
                HelpCommand.WriteOverview(_commands, asked ? context.Out : context.Error);
                return asked ? 0 : 2;
            }

            var command = _commands.FirstOrDefault(c => c.Spec.Name == name)
                ?? throw new UsageException($"unknown command '{name}'; commands: {string.Join(", ", _commands.Select(c => c.Spec.Name))}");
            var options = rest.TakeWhile(a => a != "--");
            if (options.Contains("--help") || options.Contains("-h"))
            {
                HelpCommand.WriteCommand(command.Spec, context.Out);
                return 0;
            }

            var parsed = CommandLineParser.Parse(command.Spec, rest);
            if (parsed.Value(OptionSpec.Store.Name) is { } store)
            {
                context = context.WithStore(store);
            }

            return command.Execute(parsed, context);
        }
        catch (UsageException e)
        {
            context.Error.WriteLine($"jobmanager: {e.Message}");
            return 2;
        }
        catch (UserErrorException e)
        {
            context.Error.WriteLine($"jobmanager: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is LoadException or ConcurrencyException)
        {
            // ConcurrencyException: another process changed the job meanwhile (SQL stores); nothing was written.
            context.Error.WriteLine($"jobmanager: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbException)
        {
            context.Error.WriteLine($"jobmanager: {e.Message}");
            return 1;
        }
    }
}
