namespace Gc3.Persistence.TestModel;

/// <summary>An unmanaged struct holding an enum that only gained a member at its end since version 1.</summary>
public readonly record struct Reading(Level Level, int Value);
