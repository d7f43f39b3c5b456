namespace Gc3.Persistence.TestModel;

/// <summary>Version 1 had <c>New, Submitted, Running, Terminated</c>: <c>Queued</c> was inserted, shifting the numbers.</summary>
public enum EvolvedState
{
    New,
    Queued,
    Submitted,
    Running,
    Terminated,
}
