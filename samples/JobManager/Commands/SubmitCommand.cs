using System.CommandLine;
using JobManager.Cli;
using JobManager.Domain;

namespace JobManager.Commands;

/// <summary><c>submit NAME</c>: creates a NEW job (and its executable record, unless an identical one exists).</summary>
internal sealed class SubmitCommand : ICommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "the job's name" };
    private readonly Argument<string[]> _arguments = new("ARG") { Description = "arguments for the program (after --)", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string> _exe = new("--exe") { HelpName = "PROGRAM", Description = "the program to run, a path or a name on PATH (default: NAME)" };
    private readonly Option<string[]> _arg = OptionValues.Repeatable("--arg", "A", "an argument for the program (repeatable; or put them after --)");
    private readonly Option<string[]> _env = OptionValues.Repeatable("--env", "K=V", "an environment variable for the process (repeatable)");
    private readonly Option<string[]> _tag = OptionValues.Repeatable("--tag", "T", "a label (repeatable)");
    private readonly Option<long> _cores = OptionValues.WholeNumber("--cores", "N", "cores requested, 1 to 4096", 1, 4096, 1);
    private readonly Option<long> _memory = OptionValues.WholeNumber("--memory", "MB", "memory requested, in MB (0: none)", 0, 1L << 40, 0);
    private readonly Option<string> _batch = new("--batch") { HelpName = "NAME", Description = "add the job to this batch, creating it if needed" };

    public SubmitCommand() => Definition = new("submit", "create a NEW job") { _name, _arguments, _exe, _arg, _env, _tag, _cores, _memory, _batch };

    public Command Definition { get; }

    public bool NeedsExistingStore => false;

    public int Execute(ParseResult parsed, CommandContext context)
    {
        var name = parsed.GetRequiredValue(_name);
        if (name.Length == 0 || name.Any(char.IsControl))
        {
            throw new UsageException("a job name must be non-empty text without control characters");
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parsed.GetValue(_env) ?? [])
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                throw new UsageException($"--env expects NAME=VALUE, not '{pair}'");
            }

            environment[pair[..equals]] = pair[(equals + 1)..];
        }

        var store = context.Store;
        var repository = new JobRepository(store);
        var executable = repository.FindOrCreateExecutable(parsed.GetValue(_exe) ?? name);
        var job = Job.Create(name, executable, context.UtcNow());
        job.Arguments = [.. parsed.GetValue(_arg) ?? [], .. parsed.GetValue(_arguments) ?? []];
        job.Environment = environment;
        job.Tags = [.. parsed.GetValue(_tag) ?? []];
        job.Resources = new ResourceRequest((int)parsed.GetValue(_cores), parsed.GetValue(_memory));

        var batchName = parsed.GetValue(_batch);
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
