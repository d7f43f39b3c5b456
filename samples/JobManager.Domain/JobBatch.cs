using Gc3.Persistence;

namespace JobManager.Domain;

/// <summary>A named group of jobs (gc3's task collection); its jobs are records of their own, referenced by ID.</summary>
[Persistable("jobmanager.batch", IdPrefix = JobBatch.IdPrefix)]
public partial class JobBatch
{
    /// <summary>The prefix of batch IDs (<c>batch.N</c>).</summary>
    public const string IdPrefix = "batch";

    /// <summary>The batch's name, unique within a store by convention of the job manager.</summary>
    public partial string Name { get; set; }

    /// <summary>The jobs of the batch, in submission order.</summary>
    public List<Job> Jobs { get; set; } = [];
}
