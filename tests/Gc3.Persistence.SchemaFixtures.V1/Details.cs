using MemoryPack;

namespace Gc3.Persistence.SchemaFixtures.V1;

[MemoryPackable]
public partial class Details
{
    public string Label { get; set; } = "";

    public int Count { get; set; }
}
