namespace Gc3.Persistence.TestModel;

/// <summary>A task of a <see cref="Session"/>, with a back-pointer to it and an untracked argument list.</summary>
[Persistable]
public partial class SessionTask
{
    public partial string Name { get; set; }

    public partial Session? Parent { get; set; }

    /// <summary>A mutable list: the task is not fully change-tracked.</summary>
    public List<string> Arguments { get; set; } = [];
}
