namespace Gc3.Persistence.Sql.Tests.Members;

/// <summary>State of every accessibility and kind (issue 13 §1): all of it must come back after a load.</summary>
[Persistable("members.tracker")]
public partial class Tracker
{
    public const int Max = 3;

    private readonly List<string> _items = [];

    [NonSerialized]
    private string _cache = "";

    public Tracker()
    {
        Label = "";
    }

    public Tracker(string label)
    {
        Label = label;
    }

    public static int Shared { get; set; }

    /// <summary>A computed property: not persisted itself, the field behind it is.</summary>
    public IReadOnlyList<string> Items => _items;

    /// <summary>A get-only auto-property set in a constructor.</summary>
    public string Label { get; }

    [PersistIgnore]
    public int Scratch { get; set; }

    public string Cache => _cache;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006", Justification = "an internal field, named as one: it must be persisted too")]
    internal string Note = "";

    protected int Level { get; set; }

    private protected DateTime Stamp { get; init; }

    public int LevelValue => Level;

    public DateTime StampValue => Stamp;

    public void Add(string item) => _items.Add(item);

    public void Fill(int level, string cache)
    {
        Level = level;
        _cache = cache;
        Changed = true;
    }

    public static Tracker Stamped(string label, DateTime stamp) => new(label) { Stamp = stamp };
}
