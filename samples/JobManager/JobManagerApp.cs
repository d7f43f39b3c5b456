using System.CommandLine;
using System.Diagnostics;
using Gc3.Persistence;
using Gc3.Persistence.Telemetry;
using JobManager.Cli;
using JobManager.Commands;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace JobManager;

/// <summary>
/// The command line, parsed with System.CommandLine: its help, its tab completion (the [suggest]
/// directive that dotnet-suggest uses) and the commands. Mistakes of the user become one line on
/// standard error and a non-zero exit code (2: bad command line, 1: cannot be done), never a stack trace.
/// </summary>
internal sealed class JobManagerApp
{
    /// <summary>The spans of the job manager's own commands; the store's spans nest inside them.</summary>
    private static readonly ActivitySource Commands = new("JobManager");

    private readonly List<ICommand> _commands;
    private readonly RootCommand _root = new("jobmanager: submit, run and inspect jobs kept in a Gc3.Persistence store.");

    private readonly Option<string> _store = new("--store")
    {
        HelpName = "URI",
        Description = "the store: sqlite://file.db, postgresql://user:password@host/db, file:///dir or a directory (default: $GC3_STORE, else sqlite://jobs.db)",
        Recursive = true,
    };

    private readonly Option<bool> _trace = new("--trace")
    {
        Description = "print the spans of the command and of the store's operations (OpenTelemetry console exporter)",
        Recursive = true,
    };

    public JobManagerApp()
    {
        _commands =
        [
            new SubmitCommand(),
            new ListCommand(),
            new ShowCommand(),
            new RunCommand(),
            new RemoveCommand(),
            new InfoCommand(),
            new DemoCommand(Dispatch),
        ];
        _root.Add(_store);
        _root.Add(_trace);
        foreach (var command in _commands)
        {
            _root.Add(command.Definition);
        }
    }

    /// <summary>Runs one command line against the store named by --store, else <paramref name="storeVariable"/>, else the default store.</summary>
    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, string? storeVariable)
    {
        var store = string.IsNullOrWhiteSpace(storeVariable) ? CommandContext.DefaultStore : storeVariable;
        return Dispatch(args, new CommandContext(output, error, store, () => DateTime.UtcNow));
    }

    private int Dispatch(IReadOnlyList<string> args, CommandContext context)
    {
        var invocation = new InvocationConfiguration { Output = context.Out, Error = context.Error };
        if (args.Count == 0)
        {
            // A bare "jobmanager" forgot the command: the overview, on standard error.
            _root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = context.Error });
            return 2;
        }

        var parsed = _root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                context.Error.WriteLine($"jobmanager: {error.Message}");
            }

            context.Error.WriteLine($"See '{Usage(parsed)} --help'.");
            return 2;
        }

        var command = _commands.Find(c => c.Definition == parsed.CommandResult.Command);
        if (parsed.Action is not null || command is null)
        {
            // --help, or a directive such as [suggest] (tab completion): System.CommandLine answers.
            return parsed.Invoke(invocation);
        }

        if (parsed.GetValue(_store) is { } store)
        {
            context = context.WithStore(store);
        }

        using var tracing = parsed.GetValue(_trace)
            ? Sdk.CreateTracerProviderBuilder()
                .ConfigureResource(resource => resource.AddService("jobmanager"))
                .AddSource(Commands.Name, PersistenceTelemetry.ActivitySourceName)
                .AddConsoleExporter()
                .Build()
            : null;
        using var span = Commands.StartActivity("jobmanager " + command.Definition.Name);
        using var commandContext = context.ForCommand(command.NeedsExistingStore);
        try
        {
            return command.Execute(parsed, commandContext);
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
        catch (StoreException e)
        {
            // LoadException, ConcurrencyException (another process changed the job meanwhile; nothing was written)
            // and a database failure, each saying what failed.
            context.Error.WriteLine($"jobmanager: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"jobmanager: {e.Message}");
            return 1;
        }
    }

    private static string Usage(ParseResult parsed) =>
        parsed.CommandResult.Command is RootCommand ? "jobmanager" : "jobmanager " + parsed.CommandResult.Command.Name;
}
