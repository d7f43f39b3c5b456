namespace Gc3.Persistence.SchemaFixtures.V1;

[Persistable("schema.broken-null")]
public partial class BrokenNullChange
{
    public int? Value { get; set; }
}
