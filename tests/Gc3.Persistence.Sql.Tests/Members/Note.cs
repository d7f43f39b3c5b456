namespace Gc3.Persistence.Sql.Tests.Members;

/// <summary>A positional record (issue 13 §3): loaded without a parameterless constructor.</summary>
[Persistable("members.note")]
public partial record Note(string Title, int Priority)
{
    public List<string> Tags { get; init; } = [];
}
