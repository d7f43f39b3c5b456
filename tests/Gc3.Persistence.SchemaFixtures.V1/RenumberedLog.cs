namespace Gc3.Persistence.TestModel;

/// <summary>Version 1: its marks' enum is renumbered in version 2, so its records must fail, not load renumbered.</summary>
[Persistable("schema.renumbered")]
public partial class RenumberedLog
{
    public List<Mark> Marks { get; set; } = [];
}
