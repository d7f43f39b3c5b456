namespace Gc3.Persistence.Benchmarks.Model;

/// <summary>The collection of phase F: its jobs point back to it.</summary>
[Persistable("bench.tree")]
public partial class TreeCollection
{
    /// <summary>The collection's name.</summary>
    public partial string Name { get; set; }

    /// <summary>The jobs, each its own record.</summary>
    public List<TreeJob> Jobs { get; set; } = [];
}
