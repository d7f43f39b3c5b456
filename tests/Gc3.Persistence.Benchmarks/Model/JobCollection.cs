namespace Gc3.Persistence.Benchmarks.Model;

/// <summary>A named group of jobs; each job is its own record, referenced by ID (phase E).</summary>
[Persistable("bench.collection")]
public partial class JobCollection
{
    /// <summary>The collection's name.</summary>
    public partial string Name { get; set; }

    /// <summary>The jobs, saved as separate records.</summary>
    public List<Job> Jobs { get; set; } = [];
}
