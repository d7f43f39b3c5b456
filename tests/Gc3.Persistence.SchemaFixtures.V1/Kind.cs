namespace Gc3.Persistence.SchemaFixtures.V1;

public enum Kind
{
    Batch,
    Archived,
    Interactive,
}
