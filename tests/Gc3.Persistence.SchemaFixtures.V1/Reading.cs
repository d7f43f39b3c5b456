namespace Gc3.Persistence.TestModel;

/// <summary>Version 1 of an unmanaged struct holding an enum that version 2 only appends to.</summary>
public readonly record struct Reading(Level Level, int Value);
