namespace Gc3.Persistence.Tests.Schemas;

/// <summary>A recursive MemoryPack object, nested as deep as a record says.</summary>
[MemoryPackable]
public partial class SampleTree
{
    public string Name { get; set; } = "";

    public List<SampleTree> Children { get; set; } = [];
}
