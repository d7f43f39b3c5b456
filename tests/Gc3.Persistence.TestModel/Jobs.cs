using MemoryPack;

namespace Gc3.Persistence.TestModel;

public enum JobState
{
    New,
    Submitted,
    Running,
    Terminated,
}

/// <summary>Fully change-tracked: every member is a partial property of an immutable type.</summary>
[Persistable]
public partial class Executable
{
    public partial string Path { get; set; }

    public partial string Version { get; set; }

    public partial string Checksum { get; set; }
}

[Persistable("test.job")]
public partial class Job
{
    public partial string Name { get; set; }

    [StoreColumn("state")]
    public partial JobState State { get; set; }

    public List<string> Arguments { get; set; } = [];

    public Dictionary<string, string> Environment { get; set; } = [];

    public int Cores { get; set; }

    public long MemoryMB { get; set; }

    public DateTime Submitted { get; set; }

    public int? ExitCode { get; set; }

    public string? Output { get; set; }

    public partial Executable? Executable { get; set; }

    [PersistIgnore]
    public string Scratch { get; set; } = "not persisted";
}

[Persistable]
public partial class JobCollection
{
    public string Name { get; set; } = "";

    public List<Job> Jobs { get; set; } = [];
}
