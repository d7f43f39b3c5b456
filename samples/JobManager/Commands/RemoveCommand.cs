using JobManager.Cli;
using JobManager.Domain;

namespace JobManager.Commands;

/// <summary>
/// <c>remove ID</c>: deletes a job (taking it out of its batches first, so no batch ever refers to a
/// missing record), an empty-or-not batch (its jobs stay), or an executable no job uses.
/// </summary>
internal sealed class RemoveCommand : ICommand
{
    public CommandSpec Spec { get; } = new("remove", "ID", "delete a job, a batch (not its jobs) or an unused executable", 1, 1, []);

    public int Execute(ParsedArguments args, CommandContext context)
    {
        var id = JobRepository.ParseId(args.Positionals[0]);
        using var store = context.OpenStore();
        var repository = new JobRepository(store);
        switch (repository.LoadExisting(id))
        {
            case Job job:
                foreach (var batch in repository.Batches().Where(b => b.Jobs.Contains(job)).ToList())
                {
                    batch.Jobs.Remove(job);
                    store.Save(batch);
                }

                store.Remove(id);
                context.Out.WriteLine($"Removed {id} ({job.Name}).");
                break;
            case JobBatch batch:
                store.Remove(id);
                context.Out.WriteLine($"Removed {id} ({batch.Name}); its {batch.Jobs.Count} job(s) are kept.");
                break;
            case Executable executable:
                var users = repository.Jobs().Where(j => ReferenceEquals(j.Executable, executable)).Select(j => j.PersistentId).ToList();
                if (users.Count > 0)
                {
                    throw new UserErrorException($"{id} is used by {string.Join(", ", users)}; remove those jobs first");
                }

                store.Remove(id);
                context.Out.WriteLine($"Removed {id} ({executable.Path}).");
                break;
            default:
                store.Remove(id);
                context.Out.WriteLine($"Removed {id}.");
                break;
        }

        return 0;
    }
}
