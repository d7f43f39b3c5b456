namespace Gc3.Persistence.SchemaFixtures.V1;

/// <summary>Version 1 of <c>Gc3.Persistence.TestModel.EvolvedJob</c>.</summary>
[Persistable("schema.evolved")]
public partial class EvolvedJob
{
    public string Name { get; set; } = "";

    public int Count { get; set; }

    public int Ratio { get; set; }

    public uint Size { get; set; }

    public int Priority { get; set; }

    public int? Retries { get; set; }

    public string Kind { get; set; } = "";

    public Stage Stage { get; set; }

    public State State { get; set; }

    public Color Color { get; set; }

    public List<string> Tags { get; set; } = [];

    public int[] Scores { get; set; } = [];

    public HashSet<int> Ids { get; set; } = [];

    public Dictionary<string, int> Limits { get; set; } = [];

    public Details? Details { get; set; }

    public List<State> History { get; set; } = [];

    public string Comment { get; set; } = "";

    public EvolvedJob? Next { get; set; }
}
