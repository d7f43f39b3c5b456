using Gc3.Persistence;
using MemoryPack;

namespace Consumer;

[Persistable("consumer.tool", IdPrefix = "tool")]
public partial class Tool
{
    public partial string Path { get; set; }

    public partial string Version { get; set; }
}

[MemoryPackable]
public partial record Limits(int Cores, long MemoryMB);

[Persistable("consumer.task")]
public partial class TaskItem
{
    public partial string Name { get; set; }

    public partial Tool? Tool { get; set; }

    public partial Limits Limits { get; set; }

    public partial TaskItem? Next { get; set; }

    public List<string> Arguments { get; set; } = [];

    public Dictionary<string, int> Counters { get; set; } = [];

    public int? ExitCode { get; set; }

    public DateTime? Finished { get; set; }
}

[Persistable("consumer.workflow")]
public partial class Workflow
{
    public partial string Name { get; set; }

    public List<TaskItem> Tasks { get; set; } = [];

    public Dictionary<string, TaskItem> ByName { get; set; } = [];

    public TaskItem[] Ordered { get; set; } = [];
}
