using System.CommandLine;

namespace JobManager.Commands;

/// <summary>
/// <c>demo</c>: a short scripted session on a fresh temporary store, showing each command as it
/// runs: submits a few jobs (two share one executable, three share a batch), runs them, lists, shows.
/// </summary>
internal sealed class DemoCommand : ICommand
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

    private readonly Func<IReadOnlyList<string>, CommandContext, int> _dispatch;
    private readonly Option<bool> _keep = new("--keep") { Description = "keep the temporary store afterwards (its path is printed)" };

    public DemoCommand(Func<IReadOnlyList<string>, CommandContext, int> dispatch)
    {
        _dispatch = dispatch;
        Definition = new("demo", "a scripted session on a fresh temporary store") { _keep };
    }

    public Command Definition { get; }

    public bool NeedsExistingStore => false;

    public int Execute(ParseResult parsed, CommandContext context)
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
                var exitCode = _dispatch(line, demo);
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
            if (parsed.GetValue(_keep))
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
        using var demo = context.ForCommand(needsExistingStore: true);
        var repository = new JobRepository(demo.Store);
        var id = repository.Jobs().FirstOrDefault(j => j.Name == name)?.PersistentId ?? repository.FindBatch(name)?.PersistentId;
        return id?.ToString() ?? throw new InvalidOperationException($"the demo script refers to '{name}', which it did not create");
    }
}
