namespace Gc3.Persistence.Sql.Tests.Members;

/// <summary>Opens a real store of each kind the issue 13 checks run on: the file store and SQLite.</summary>
internal static class StoreKinds
{
    /// <summary>The kinds, as theory data.</summary>
    public static TheoryData<string> All => new() { "file", "sqlite" };

    /// <summary>A store of <paramref name="kind"/> in <paramref name="directory"/>; each call opens the same data with a fresh identity map.</summary>
    public static IStore Open(string kind, TemporaryDirectory directory) => kind switch
    {
        "file" => StoreFactory.Make("file://" + directory.Combine("files")),
        "sqlite" => StoreFactory.Make("sqlite://" + directory.Combine("store.db")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such store kind"),
    };
}
