namespace Gc3.Persistence.SchemaFixtures.V1;

public enum State
{
    New,
    Submitted,
    Running,
    Terminated,
}
