namespace Gc3.Persistence.TestModel;

/// <summary>
/// Version 1 of <c>Gc3.Persistence.TestModel.MarkState</c> (in its namespace: <see cref="Mark"/> is an opaque type,
/// which only its own name reads). Version 2 inserts <c>Queued</c> before <c>Busy</c>, renumbering Busy and Done.
/// </summary>
public enum MarkState
{
    Idle,
    Busy,
    Done,
}
