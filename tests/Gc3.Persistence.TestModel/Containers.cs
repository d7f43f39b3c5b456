namespace Gc3.Persistence.TestModel;

/// <summary>Persistable objects in every container shape the generator supports.</summary>
[Persistable]
public partial class Containers
{
    public List<Job> JobList { get; set; } = [];

    public Job?[] JobArray { get; set; } = [];

    public Dictionary<string, Job> JobsByName { get; set; } = [];

    public HashSet<string> Tags { get; set; } = [];

    public List<List<Node>>? Nested { get; set; }

    public JobBox? Box { get; set; }

    public int[] Numbers { get; set; } = [];

    public List<JobState> States { get; set; } = [];
}
