using Gc3.Persistence;
using JobManager.Cli;
using JobManager.Domain;

namespace JobManager.Commands;

/// <summary>
/// <c>remove ID</c>: deletes a job (taking it out of its batches first, so no batch ever refers to a
/// missing record), an empty-or-not batch (its jobs stay), or an executable no job uses.
/// </summary>
internal sealed class RemoveCommand() : RecordCommand("remove", "delete a job, a batch (not its jobs) or an unused executable", "the record to delete: job.N, batch.N or exe.N")
{
    protected override void Execute(Id id, object record, JobRepository repository, TextWriter output)
    {
        var store = repository.Store;
        switch (record)
        {
            case Job job:
                foreach (var batch in repository.BatchesOf(job).ToList())
                {
                    batch.Jobs.Remove(job);
                    store.Save(batch);
                }

                store.Remove(id);
                output.WriteLine($"Removed {id} ({job.Name}).");
                break;
            case JobBatch batch:
                store.Remove(id);
                output.WriteLine($"Removed {id} ({batch.Name}); its {batch.Jobs.Count} job(s) are kept.");
                break;
            case Executable executable:
                var users = repository.JobsRunning(executable).Select(j => j.PersistentId).ToList();
                if (users.Count > 0)
                {
                    throw new UserErrorException($"{id} is used by {string.Join(", ", users)}; remove those jobs first");
                }

                store.Remove(id);
                output.WriteLine($"Removed {id} ({executable.Path}).");
                break;
            default:
                store.Remove(id);
                output.WriteLine($"Removed {id}.");
                break;
        }
    }
}
