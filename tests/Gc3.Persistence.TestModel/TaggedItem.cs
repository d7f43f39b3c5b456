using System.Collections.Immutable;

namespace Gc3.Persistence.TestModel;

/// <summary>Immutable collections in partial properties: fully change-tracked.</summary>
[Persistable]
public partial class TaggedItem
{
    public partial string Name { get; set; }

    public partial ImmutableArray<string> Tags { get; set; }

    public partial ImmutableList<int> Numbers { get; set; }

    public partial ImmutableDictionary<string, string> Labels { get; set; }
}
