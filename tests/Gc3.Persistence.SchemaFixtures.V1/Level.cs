namespace Gc3.Persistence.TestModel;

/// <summary>Version 1 of <c>Gc3.Persistence.TestModel.Level</c>; version 2 appends <c>Critical</c>: the numbers stay.</summary>
public enum Level
{
    Low,
    High,
}
