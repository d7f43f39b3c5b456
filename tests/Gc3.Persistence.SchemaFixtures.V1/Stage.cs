namespace Gc3.Persistence.SchemaFixtures.V1;

public enum Stage
{
    Draft,
    Review,
    Final,
}
