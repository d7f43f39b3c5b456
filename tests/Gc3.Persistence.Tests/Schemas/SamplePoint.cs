namespace Gc3.Persistence.Tests.Schemas;

/// <summary>An unmanaged struct: MemoryPack writes it as raw memory, padding included.</summary>
[MemoryPackable]
public partial struct SamplePoint
{
    public int X { get; set; }

    public long Y { get; set; }

    public byte Z { get; set; }
}
