namespace Gc3.Persistence.TestModel;

/// <summary>A node of a graph with cycles and shared references.</summary>
[Persistable]
public partial class Node
{
    public partial string Name { get; set; }

    public partial Node? Next { get; set; }

    public List<Node> Children { get; set; } = [];
}
