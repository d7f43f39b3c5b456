namespace Gc3.Persistence.TestModel;

/// <summary>Holds resources through base-typed references.</summary>
[Persistable]
public sealed partial class Cluster
{
    public partial Resource? Head { get; set; }

    public List<Resource> Workers { get; set; } = [];
}
