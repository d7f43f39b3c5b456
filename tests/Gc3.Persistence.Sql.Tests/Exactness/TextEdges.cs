namespace Gc3.Persistence.Sql.Tests.Exactness;

/// <summary>Strings in each place a record holds them: a member, a list and a dictionary (written by StringCollections), an array and a set (by MemoryPack's formatters), a dictionary's keys.</summary>
[Persistable("sqltest.text-edges")]
public partial class TextEdges
{
    public string? Text { get; set; }

    public List<string?> List { get; set; } = [];

    public Dictionary<string, string?> Dictionary { get; set; } = [];

    public string?[] Array { get; set; } = [];

    public HashSet<string> Set { get; set; } = [];

    public Dictionary<string, int> Keys { get; set; } = [];

    public char Char { get; set; }
}
