namespace Gc3.Persistence.TestModel;

/// <summary>A persistable object holding a recursive <c>[MemoryPackable]</c> tree and a plain one.</summary>
[Persistable]
public partial class Orchard
{
    public string Name { get; set; } = "";

    public Branch? Root { get; set; }

    public JobBox? Box { get; set; }

    public Dictionary<string, Branch> ByName { get; set; } = [];
}
