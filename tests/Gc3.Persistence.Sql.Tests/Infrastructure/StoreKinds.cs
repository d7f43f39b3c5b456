namespace Gc3.Persistence.Sql.Tests.Infrastructure;

/// <summary>The embedded store kinds that tests run on without a server: the file store and SQLite.</summary>
internal static class StoreKinds
{
    /// <summary>The kinds, as theory data.</summary>
    public static TheoryData<string> All => new() { "file", "sqlite" };

    /// <summary>The URI of a store of <paramref name="kind"/> in <paramref name="directory"/>.</summary>
    public static string UriOf(string kind, string directory) => kind switch
    {
        "file" => "file://" + Path.Join(directory, "files"),
        "sqlite" => "sqlite://" + Path.Join(directory, "store.db"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such store kind"),
    };

    /// <summary>A store of <paramref name="kind"/> in <paramref name="directory"/>; each call opens the same data with a fresh identity map.</summary>
    public static IStore Open(string kind, TemporaryDirectory directory) => StoreFactory.Make(UriOf(kind, directory.Path));
}
