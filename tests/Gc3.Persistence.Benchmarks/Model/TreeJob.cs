namespace Gc3.Persistence.Benchmarks.Model;

/// <summary>
/// A job of phase F (the tree): scalars are partial properties, the arguments a mutable list, so the
/// job is not fully change-tracked, and <see cref="Parent"/> points back to its collection, so a
/// cascade from any job reaches every other one, as GC3Pie's tasks do.
/// </summary>
[Persistable("bench.treejob", IdPrefix = "task")]
public partial class TreeJob
{
    /// <summary>A short name.</summary>
    public partial string Name { get; set; }

    /// <summary>Where the job is in its life cycle.</summary>
    public partial JobState State { get; set; }

    /// <summary>Cores requested: what a save of phase F changes.</summary>
    public partial int Cores { get; set; }

    /// <summary>Five command-line arguments: a list no setter watches.</summary>
    public List<string> Arguments { get; set; } = [];

    /// <summary>The collection the job belongs to.</summary>
    public partial TreeCollection? Parent { get; set; }
}
