namespace Gc3.Persistence.Sql.Tests.Members;

/// <summary>A record class with a partial property and a parameterless constructor (issue 13 §3).</summary>
[Persistable("members.entry")]
public partial record Entry
{
    public partial string Name { get; set; }

    public int Size { get; init; }
}
