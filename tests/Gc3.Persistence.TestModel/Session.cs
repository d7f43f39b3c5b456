namespace Gc3.Persistence.TestModel;

/// <summary>A GC3Pie-like task collection: its tasks point back to it through <see cref="SessionTask.Parent"/>.</summary>
[Persistable]
public partial class Session
{
    public partial string Name { get; set; }

    /// <summary>A mutable list: the session is not fully change-tracked.</summary>
    public List<SessionTask> Tasks { get; set; } = [];
}
