namespace Gc3.Persistence.TestModel;

/// <summary>Init-only, required and private-setter members, and a load hook.</summary>
[Persistable]
public partial class Settings
{
    public required string Owner { get; init; }

    public int Retries { get; private set; }

    public string Mode = "auto";

    [PersistOrder(7)]
    public long Pinned { get; set; }

    public void SetRetries(int retries) => Retries = retries;

    [PersistIgnore]
    public int LoadHookRuns { get; private set; }

    partial void OnPersistenceLoaded() => LoadHookRuns++;
}
