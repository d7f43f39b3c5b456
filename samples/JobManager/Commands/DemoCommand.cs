using JobManager.Cli;

namespace JobManager.Commands;

/// <summary>
/// <c>demo</c>: a short scripted session on a fresh temporary store, showing each command as it
/// runs: submits a few jobs (two share one executable, three share a batch), runs them, lists, shows.
/// </summary>
internal sealed class DemoCommand(Func<IReadOnlyList<string>, CommandContext, int> dispatch) : ICommand
{
    private static readonly string[][] Script =
    [
        ["submit", "hello", "--exe", "echo", "--batch", "demo", "--", "Hello from a persisted job"],
        ["submit", "count", "--exe", "sh", "--arg", "-c", "--arg", "for i in 1 2 3; do echo line $i; done", "--batch", "demo", "--tag", "demo", "--tag", "shell"],
        ["submit", "fail", "--exe", "sh", "--arg", "-c", "--arg", "echo failing on purpose >&2; exit 3", "--cores", "2", "--memory", "512", "--batch", "demo"],
        ["submit", "greet", "--exe", "echo", "--env", "GREETING=hi", "--arg", "greetings"],
        ["list"],
        ["run"],
        ["list", "--state", "terminated"],
        ["show", "@fail"],
        ["show", "@demo"],
    ];

    public CommandSpec Spec { get; } = new("demo", "[--keep]", "a scripted session on a fresh temporary store", 0, 0,
    [
        new("--keep", null, false, "keep the temporary store afterwards (its path is printed)"),
    ]);

    public int Execute(ParsedArguments args, CommandContext context)
    {
        // The default kind of store (embedded SQLite), in a folder of its own.
        var directory = Path.Combine(Path.GetTempPath(), "jobmanager-demo-" + Guid.NewGuid().ToString("N")[..8]);
        var store = "sqlite://" + Path.Combine(directory, "jobs.db");
        var demo = context.WithStore(store);
        context.Out.WriteLine($"A scripted session on a fresh store in {directory}: {store}");
        try
        {
            foreach (var step in Script)
            {
                var line = step.Select(arg => arg.StartsWith('@') ? IdOf(arg[1..], demo) : arg).ToList();
                context.Out.WriteLine();
                context.Out.WriteLine("$ jobmanager " + string.Join(" ", line.Select(Display.Quote)));
                var exitCode = dispatch(line, demo);
                if (exitCode != 0)
                {
                    context.Error.WriteLine($"jobmanager: the demo step failed with exit code {exitCode}");
                    return exitCode;
                }
            }
        }
        finally
        {
            context.Out.WriteLine();
            if (args.Has("--keep"))
            {
                context.Out.WriteLine($"The store is kept: try 'jobmanager list --store {store}'.");
            }
            else if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
                context.Out.WriteLine("The temporary store is removed (pass --keep to keep it).");
            }
        }

        return 0;
    }

    // IDs depend on the store's counter, so the script names jobs and batches ("@fail") and looks them up.
    private static string IdOf(string name, CommandContext context)
    {
        using var store = context.OpenStore();
        var repository = new JobRepository(store);
        var id = repository.Jobs().FirstOrDefault(j => j.Name == name)?.PersistentId ?? repository.FindBatch(name)?.PersistentId;
        return id?.ToString() ?? throw new InvalidOperationException($"the demo script refers to '{name}', which it did not create");
    }
}
