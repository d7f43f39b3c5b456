namespace Gc3.Persistence.TestModel;

/// <summary>
/// Version 2 of a type whose version 1 (<c>tests/Gc3.Persistence.SchemaFixtures.V1</c>) wrote the records of
/// <c>tests/Gc3.Persistence.Tests/Records/schema-v1</c>, with a stored schema. Every member changed by one
/// resolution rule of issue 15 §3; the comment says what it was.
/// </summary>
[Persistable("schema.evolved")]
public partial class EvolvedJob
{
    public string Name { get; set; } = "";

    /// <summary>Was <c>int</c>.</summary>
    public long Count { get; set; }

    /// <summary>Was <c>int</c>.</summary>
    public double Ratio { get; set; }

    /// <summary>Was <c>uint</c>.</summary>
    public long Size { get; set; }

    /// <summary>Was <c>int</c>.</summary>
    public int? Priority { get; set; }

    /// <summary>Was <c>int?</c> (always set).</summary>
    public int Retries { get; set; }

    /// <summary>Was <c>string</c>.</summary>
    public EvolvedKind Kind { get; set; }

    /// <summary>Was an enum.</summary>
    public string Stage { get; set; } = "";

    /// <summary>The enum gained <c>Queued</c> between <c>New</c> and <c>Submitted</c>.</summary>
    public EvolvedState State { get; set; }

    /// <summary>The enum lost <c>Purple</c> and marks <c>Unknown</c> for names it lost.</summary>
    public EvolvedColor Color { get; set; }

    /// <summary>Was <c>List&lt;string&gt;</c>.</summary>
    public string[] Tags { get; set; } = [];

    /// <summary>Was <c>int[]</c>.</summary>
    public List<long> Scores { get; set; } = [];

    /// <summary>Was <c>HashSet&lt;int&gt;</c>.</summary>
    public List<int> Ids { get; set; } = [];

    /// <summary>Was <c>Dictionary&lt;string, int&gt;</c>.</summary>
    public Dictionary<string, long> Limits { get; set; } = [];

    /// <summary>A [MemoryPackable] type whose members were reordered, widened and added to.</summary>
    public EvolvedDetails? Details { get; set; }

    /// <summary>A list of the enum that gained a member.</summary>
    public List<EvolvedState> History { get; set; } = [];

    /// <summary>New: records of version 1 keep this initializer.</summary>
    public int Added { get; set; } = 7;

    /// <summary>Unchanged: a reference.</summary>
    public EvolvedJob? Next { get; set; }
}
