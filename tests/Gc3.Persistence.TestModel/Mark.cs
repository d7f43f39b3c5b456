namespace Gc3.Persistence.TestModel;

/// <summary>An unmanaged struct MemoryPack copies as memory: its <see cref="MarkState"/> is stored by number.</summary>
public readonly record struct Mark(MarkState State, long At);
