namespace Gc3.Persistence.TestModel;

/// <summary>Version 1 (tests/Gc3.Persistence.SchemaFixtures.V1) had <c>Idle, Busy, Done</c>: <c>Queued</c> was inserted, renumbering Busy and Done.</summary>
public enum MarkState
{
    Idle,
    Queued,
    Busy,
    Done,
}
