namespace Gc3.Persistence.SchemaFixtures.V1;

[Persistable("schema.broken-type")]
public partial class BrokenTypeChange
{
    public string Name { get; set; } = "";
}
