using MemoryPack;

namespace Gc3.Persistence.TestModel;

/// <summary>Version 1 (another CLR name too) was <c>{ string Label; int Count }</c>: reordered, widened, one added.</summary>
[MemoryPackable]
public partial class EvolvedDetails
{
    public long Count { get; set; }

    public string Label { get; set; } = "";

    public string Note { get; set; } = "";
}
