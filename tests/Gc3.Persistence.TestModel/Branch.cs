using MemoryPack;

namespace Gc3.Persistence.TestModel;

/// <summary>
/// A self-referencing MemoryPack object (stored inside its owner's record): the shape a hostile record can
/// nest without bound, which MemoryPack decodes by recursion (see <see cref="Orchard"/>).
/// </summary>
[MemoryPackable]
public partial class Branch
{
    public string Label { get; set; } = "";

    public Branch? Next { get; set; }

    public List<Branch> Forks { get; set; } = [];

    public int[] Weights { get; set; } = [];
}
