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
    public CommandSpec Spec { get; } = new("run", "[ID...] [--timeout SECONDS]", "run unfinished jobs to completion", 0, int.MaxValue,
    [
        new("--timeout", "SECONDS", false, "kill a job's process after this long (default 600)"),
    ]);

    public int Execute(ParsedArguments args, CommandContext context)
    {
        var timeout = TimeSpan.FromSeconds(args.Integer("--timeout", 600, 1, 86_400));
        var ids = args.Positionals.Select(JobRepository.ParseId).ToList();
        using var store = context.OpenStore();
        var repository = new JobRepository(store);
        var jobs = ids.Count > 0 ? ids.Select(repository.LoadJob).ToList() : repository.Jobs().ToList();
        var ran = 0;
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

        context.Out.WriteLine(ran == 0 ? "Nothing to run: every job has terminated." : $"Ran {ran} job{(ran == 1 ? "" : "s")}.");
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
