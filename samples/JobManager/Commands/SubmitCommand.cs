using JobManager.Cli;
using JobManager.Domain;

namespace JobManager.Commands;

/// <summary><c>submit NAME</c>: creates a NEW job (and its executable record, unless an identical one exists).</summary>
internal sealed class SubmitCommand : ICommand
{
    public CommandSpec Spec { get; } = new("submit", "NAME [options] [-- ARG...]", "create a NEW job", 1, int.MaxValue,
    [
        new("--exe", "PROGRAM", false, "the program to run, a path or a name on PATH (default: NAME)"),
        new("--arg", "A", true, "an argument for the program (repeatable; or put them after --)"),
        new("--env", "K=V", true, "an environment variable for the process (repeatable)"),
        new("--tag", "T", true, "a label (repeatable)"),
        new("--cores", "N", false, "cores requested, 1 to 4096 (default 1)"),
        new("--memory", "MB", false, "memory requested, in MB (default: none)"),
        new("--batch", "NAME", false, "add the job to this batch, creating it if needed"),
    ]);

    public int Execute(ParsedArguments args, CommandContext context)
    {
        var name = args.Positionals[0];
        if (name.Length == 0 || name.Any(char.IsControl))
        {
            throw new UsageException("a job name must be non-empty text without control characters");
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in args.Values("--env"))
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                throw new UsageException($"--env expects NAME=VALUE, not '{pair}'");
            }

            environment[pair[..equals]] = pair[(equals + 1)..];
        }

        var cores = (int)args.Integer("--cores", 1, 1, 4096);
        var memory = args.Integer("--memory", 0, 0, 1L << 40);
        using var store = context.OpenStore();
        var repository = new JobRepository(store);
        var executable = repository.FindOrCreateExecutable(args.Value("--exe") ?? name);
        var job = Job.Create(name, executable, context.UtcNow());
        job.Arguments = [.. args.Values("--arg"), .. args.Positionals.Skip(1)];
        job.Environment = environment;
        job.Tags = [.. args.Values("--tag")];
        job.Resources = new ResourceRequest(cores, memory);

        var batchName = args.Value("--batch");
        var batch = batchName is null ? null : repository.FindBatch(batchName) ?? new JobBatch { Name = batchName };
        if (batch is null)
        {
            store.Save(job);
        }
        else
        {
            // Saving the batch saves the new job (and a new executable) as records of their own.
            batch.Jobs.Add(job);
            store.Save(batch);
        }

        context.Out.WriteLine($"Submitted {job.PersistentId} ({job.Name}): {Display.CommandLine(job)}"
            + (batch is null ? "" : $" [batch {batch.Name}, {batch.PersistentId}]"));
        return 0;
    }
}
