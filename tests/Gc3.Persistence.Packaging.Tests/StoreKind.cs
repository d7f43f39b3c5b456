namespace Gc3.Persistence.Packaging.Tests;

/// <summary>The store URIs the job manager sessions run on.</summary>
public static class StoreKind
{
    public const string File = "file";
    public const string Sqlite = "sqlite";

    /// <summary>The stores the job manager embeds (no server), which every local session runs on.</summary>
    public static IReadOnlyList<string> Embedded { get; } = [File, Sqlite];

    /// <summary><see cref="Embedded"/> as theory data.</summary>
    public static TheoryData<string> EmbeddedData => [.. Embedded];

    /// <summary>A fresh, empty store of the given kind under <paramref name="directory"/>.</summary>
    public static string NewStore(string kind, string directory) => kind switch
    {
        File => Path.Combine(directory, "store"),
        Sqlite => "sqlite://" + Path.Combine(directory, "jobs.db"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>A fresh table of its own on the test PostgreSQL server.</summary>
    public static string NewPostgresStore(string serverUri) => $"{serverUri.Split('#')[0]}#table=jm_{Guid.NewGuid():N}";
}
