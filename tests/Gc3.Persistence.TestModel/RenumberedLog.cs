namespace Gc3.Persistence.TestModel;

/// <summary>Version 2 of a type whose marks' enum was renumbered since version 1 wrote records/schema-v1-opaque.</summary>
[Persistable("schema.renumbered")]
public partial class RenumberedLog
{
    public List<Mark> Marks { get; set; } = [];
}
