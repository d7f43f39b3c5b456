namespace Gc3.Persistence.Tests.Schemas;

[MemoryPackable]
public partial class SampleBox
{
    public string Label { get; set; } = "";

    public int Size { get; set; }

    [MemoryPackAllowSerialize]
    public Job? Job { get; set; }
}
