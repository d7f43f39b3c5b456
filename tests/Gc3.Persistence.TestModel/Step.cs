using System.Collections.Immutable;

namespace Gc3.Persistence.TestModel;

/// <summary>
/// Fully change-tracked itself (partial properties of immutable types only), yet it reaches a <see cref="Job"/>,
/// which is not: a cascade through an unchanged step must still find a changed job behind it.
/// </summary>
[Persistable("test.step")]
public partial class Step
{
    public partial string Name { get; set; }

    public partial Step? Next { get; set; }

    public partial Job? Job { get; set; }

    public partial ImmutableList<Job>? Jobs { get; set; }
}
