using Gc3.Persistence.Postgres;
using Gc3.Persistence.Sqlite;
using Gc3.Persistence.Tool.Commands;

namespace Gc3.Persistence.Tool;

/// <summary>
/// The command line of gc3p, parsed with System.CommandLine. Mistakes of the user and problems of a
/// store become one line on standard error and a non-zero exit code (2: bad command line, 1: cannot
/// be done or problems found), never a stack trace.
/// </summary>
internal static class ToolApp
{
    /// <summary>Runs one command line.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, ToolConsole console, CancellationToken cancellationToken)
    {
        // The tool has no persistable types of its own, so no generated code registers the schemes.
        SqliteStoreRegistration.EnsureRegistered();
        PostgresStoreRegistration.EnsureRegistered();

        var json = new Option<bool>("--json") { Description = "write JSON for scripts (JSON Lines for listings) instead of text", Recursive = true };
        var root = new RootCommand(
            "gc3p: list, show, dump, check and copy a Gc3.Persistence store without the application's types. " +
            "STORE is a URI as StoreFactory takes it: a directory or file:///dir, sqlite:///path.db, postgresql://user@host/db#table=NAME.");
        root.Add(json);
        var maxNestingDepth = new Option<int?>("--max-nesting-depth")
        {
            HelpName = "N",
            Description = $"how deeply a record's values may nest, as the application's StoreOptions.MaxNestingDepth (default {StoreOptions.DefaultMaxNestingDepth}, 1 to {StoreOptions.MaxNestingDepthLimit})",
            Recursive = true,
        };
        var maxRecordBytes = new Option<int?>("--max-record-bytes")
        {
            HelpName = "N",
            Description = $"the largest record read or written, in bytes, as the application's StoreOptions.MaxRecordBytes (default {StoreOptions.DefaultMaxRecordBytes}, at most {StoreOptions.MaxRecordBytesLimit})",
            Recursive = true,
        };
        var lockTimeout = new Option<double?>("--lock-timeout")
        {
            HelpName = "SECONDS",
            Description = $"how long to wait for a lock another process holds (a file store's write lock, ID counter or commit in flight; SQLite's write lock), as StoreOptions.LockTimeout (default {StoreOptions.DefaultLockTimeout.TotalSeconds:0})",
            Recursive = true,
        };
        root.Add(maxNestingDepth);
        root.Add(maxRecordBytes);
        root.Add(lockTimeout);
        List<IToolCommand> commands =
        [
            new LsCommand(),
            new ShowCommand(),
            new DumpCommand(),
            new StatsCommand(),
            new SchemaCommand(),
            new VerifyCommand(),
            new CopyCommand(),
        ];
        foreach (var command in commands)
        {
            root.Add(command.Definition);
        }

        using (console)
        {
            if (args.Count == 0)
            {
                root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = console.Error });
                return 2;
            }

            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                foreach (var error in parsed.Errors)
                {
                    console.Error.WriteLine($"gc3p: {error.Message}");
                }

                console.Error.WriteLine($"See '{(parsed.CommandResult.Command is RootCommand ? "gc3p" : "gc3p " + parsed.CommandResult.Command.Name)} --help'.");
                return 2;
            }

            var chosen = commands.Find(c => c.Definition == parsed.CommandResult.Command);
            if (parsed.Action is not null || chosen is null)
            {
                console.Out.Flush();
                return parsed.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error });
            }

            StoreLimits limits;
            try
            {
                limits = StoreLimits.From(parsed.GetValue(maxNestingDepth), parsed.GetValue(maxRecordBytes), parsed.GetValue(lockTimeout));
            }
            catch (ToolException e)
            {
                return Fail(console, e.Message, e.ExitCode);
            }

            using var context = new ToolContext(console, parsed.GetValue(json), limits);
            try
            {
                return await chosen.ExecuteAsync(parsed, context, cancellationToken).ConfigureAwait(false);
            }
            catch (ToolException e)
            {
                return Fail(console, e.Message, e.ExitCode);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Fail(console, "interrupted; what was done stays done (run a copy again to finish it)", 130);
            }
            catch (Exception e)
            {
                // LoadException, RecordClashException, StoreNotFoundException, StoreException, IOException...: their messages name the ID, path or store.
                return Fail(console, e.Message, 1);
            }
        }
    }

    private static int Fail(ToolConsole console, string message, int exitCode)
    {
        console.Out.Flush();
        console.Error.WriteLine($"gc3p: {Printable.Of(message)}");
        return exitCode;
    }
}
