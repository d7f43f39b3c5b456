namespace Gc3.Persistence.SchemaFixtures.V1;

[Persistable("schema.broken-enum")]
public partial class BrokenEnumChange
{
    public Kind Kind { get; set; }
}
