using System.CommandLine;
using System.Globalization;
using JobManager.Cli;
using JobManager.Domain;

namespace JobManager.Commands;

/// <summary>
/// <c>run</c>: takes every unfinished job (or the ones named) through SUBMITTED and RUNNING to
/// TERMINATED, one at a time, saving the job at every step, so another process sees its progress
/// and a crash leaves it in the state it had reached.
/// </summary>
internal sealed class RunCommand : ICommand
{
    private readonly Argument<string[]> _ids = new("ID") { Description = "the jobs to run (default: every unfinished job)", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<long> _timeout = OptionValues.WholeNumber("--timeout", "SECONDS", "kill a job's process after this long", 1, 86_400, 600);

    public RunCommand() => Definition = new("run", "run unfinished jobs to completion") { _ids, _timeout };

    public Command Definition { get; }

    public bool NeedsExistingStore => true;

    public int Execute(ParseResult parsed, CommandContext context)
    {
        var timeout = TimeSpan.FromSeconds(parsed.GetValue(_timeout));
        var ids = (parsed.GetValue(_ids) ?? []).Select(JobRepository.ParseId).ToList();
        var store = context.Store;
        var repository = new JobRepository(store);
        var jobs = ids.Count > 0 ? ids.Select(repository.LoadJob).ToList() : repository.Jobs().ToList();
        var ran = 0;
        foreach (var job in jobs.Where(j => j.State == JobState.Terminated && ids.Count > 0))
        {
            // Named on the command line but finished already: say so, by name.
            context.Out.WriteLine($"{job.PersistentId}  {job.Name}: already TERMINATED (exit code {job.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-"}); not run again.");
        }

        foreach (var job in jobs.Where(j => j.State != JobState.Terminated))
        {
            while (job.State < JobState.Running)
            {
                Step(job, store, context);
            }

            var (exitCode, output) = JobRunner.Run(job, timeout);
            job.ExitCode = exitCode;
            job.Output = output;
            job.Finished = context.UtcNow();
            Step(job, store, context);
            ran++;
        }

        context.Out.WriteLine((ran, ids.Count, jobs.Count) switch
        {
            (0, > 0, _) => "Nothing to run: the jobs named have terminated.",
            (0, 0, 0) => $"Nothing to run: there are no jobs in {store}.",
            (0, 0, _) => "Nothing to run: every job has terminated.",
            _ => $"Ran {ran} job{(ran == 1 ? "" : "s")}.",
        });
        return 0;
    }

    private static void Step(Job job, Gc3.Persistence.IStore store, CommandContext context)
    {
        var from = job.State;
        var to = job.Advance(context.UtcNow());
        if (to == JobState.Running)
        {
            job.Started = context.UtcNow();
        }

        store.Save(job);
        var exit = to == JobState.Terminated ? $" (exit code {job.ExitCode?.ToString(CultureInfo.InvariantCulture)})" : "";
        context.Out.WriteLine($"{job.PersistentId}  {job.Name}: {Display.State(from)} -> {Display.State(to)}{exit}");
    }
}
