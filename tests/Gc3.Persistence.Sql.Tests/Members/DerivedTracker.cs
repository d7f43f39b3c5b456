namespace Gc3.Persistence.Sql.Tests.Members;

/// <summary>A derived type with private state of its own: its base's private state is the base's code's business.</summary>
[Persistable("members.derived")]
public partial class DerivedTracker : Tracker
{
    private int _extra;

    public DerivedTracker()
    {
    }

    public DerivedTracker(string label, int extra)
        : base(label)
    {
        _extra = extra;
    }

    public int Extra => _extra;
}
