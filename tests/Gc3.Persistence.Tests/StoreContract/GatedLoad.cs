namespace Gc3.Persistence.Tests.StoreContract;

/// <summary>
/// A persistable whose constructor calls <see cref="Constructing"/> (on the async flow that set it only): a test
/// holds one load in the middle of making its objects while another load of the same records runs.
/// </summary>
[Persistable("test.gatedload")]
public partial class GatedLoad
{
    public GatedLoad() => Constructing.Value?.Invoke(this);

    /// <summary>Called by each constructor on the flow that set it: the loads of other tests, and of the other thread, go by.</summary>
    public static AsyncLocal<Action<GatedLoad>?> Constructing { get; } = new();

    public partial string Name { get; set; }

    public partial GatedLoad? Partner { get; set; }

    /// <summary>How many times <c>OnPersistenceLoaded</c> ran on this instance.</summary>
    [PersistIgnore]
    public int LoadedHooks { get; private set; }

    partial void OnPersistenceLoaded() => LoadedHooks++;
}
