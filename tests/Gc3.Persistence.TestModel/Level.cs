namespace Gc3.Persistence.TestModel;

/// <summary>Version 1 had <c>Low, High</c>: <c>Critical</c> was appended, so stored numbers keep their meaning.</summary>
public enum Level
{
    Low,
    High,
    Critical,
}
