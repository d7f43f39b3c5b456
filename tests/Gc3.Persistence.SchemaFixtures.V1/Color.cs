namespace Gc3.Persistence.SchemaFixtures.V1;

public enum Color
{
    Red,
    Green,
    Purple,
}
