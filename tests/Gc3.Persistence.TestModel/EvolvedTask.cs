namespace Gc3.Persistence.TestModel;

/// <summary>
/// Version 2 of a type whose version 1 (kept as <c>tests/Gc3.Persistence.Tests/Records/v1/TaskV1.cs.txt</c>)
/// wrote the record files beside it. Since then the class was renamed (from <c>TaskV1</c>, keeping its
/// tag), the member <c>Comment</c> was removed, <c>Priority</c> was added, and <c>Title</c> was renamed
/// to <c>Name</c> (keeping its stored name with <c>[PersistName]</c>).
/// </summary>
[Persistable("evolution.task")]
public partial class EvolvedTask
{
    [PersistName("Title")]
    public string Name { get; set; } = "";

    public int Attempts { get; set; }

    public int Priority { get; set; } = 5;

    public List<string> Steps { get; set; } = [];

    public Executable? Tool { get; set; }
}
