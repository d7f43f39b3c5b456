using MemoryPack;

namespace Gc3.Persistence.TestModel;

/// <summary>A plain MemoryPack object (stored inside its owner's record) that holds a persistable one (stored by ID).</summary>
[MemoryPackable]
public partial class JobBox
{
    public string Label { get; set; } = "";

    // MemoryPack's analyzer asks for this on members of types it did not generate; ours registers the formatter.
    [MemoryPackAllowSerialize]
    public Job? Job { get; set; }
}
