namespace Gc3.Persistence.TestModel;

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
