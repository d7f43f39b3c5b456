using MemoryPack;

namespace Gc3.Persistence.TestModel;

/// <summary>A node of a graph with cycles and shared references.</summary>
[Persistable]
public partial class Node
{
    public partial string Name { get; set; }

    public partial Node? Next { get; set; }

    public List<Node> Children { get; set; } = [];
}

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

/// <summary>A plain MemoryPack object (stored inside its owner's record) that holds a persistable one (stored by ID).</summary>
[MemoryPackable]
public partial class JobBox
{
    public string Label { get; set; } = "";

    // MemoryPack's analyzer asks for this on members of types it did not generate; ours registers the formatter.
    [MemoryPackAllowSerialize]
    public Job? Job { get; set; }
}

/// <summary>The base of a hierarchy; abstract, so only its derived types have records.</summary>
[Persistable]
public abstract partial class Resource
{
    public partial string Name { get; set; }
}

[Persistable]
public partial class Machine : Resource
{
    public partial int Cores { get; set; }
}

[Persistable]
public sealed partial class GpuMachine : Machine
{
    public partial string Gpu { get; set; }
}

/// <summary>Holds resources through base-typed references.</summary>
[Persistable]
public sealed partial class Cluster
{
    public partial Resource? Head { get; set; }

    public List<Resource> Workers { get; set; } = [];
}

/// <summary>Init-only, required and private-setter members, and a load hook.</summary>
[Persistable]
public partial class Settings
{
    public required string Owner { get; init; }

    public int Retries { get; private set; }

    public string Mode = "auto";

    [PersistOrder(7)]
    public long Pinned { get; set; }

    public void SetRetries(int retries) => Retries = retries;

    [PersistIgnore]
    public int LoadHookRuns { get; private set; }

    partial void OnPersistenceLoaded() => LoadHookRuns++;
}
