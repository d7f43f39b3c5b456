namespace Gc3.Persistence.Tool.Tests.Infrastructure;

/// <summary>The three kinds of stores, as URIs the tool and the sample take.</summary>
public static class StoreKind
{
    public const string File = "file";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static readonly string[] All = [File, Sqlite, Postgres];

    /// <summary>A fresh store of <paramref name="kind"/>: a directory under <paramref name="folder"/>, a database file there, or a table of its own on the test server.</summary>
    public static string New(string kind, TemporaryDirectory folder, PostgresServer server, string name = "store") => kind switch
    {
        File => folder.Combine(name),
        Sqlite => "sqlite://" + folder.Combine(name + ".db"),
        Postgres => $"{server.Uri}#table=gc3p_{Guid.NewGuid():N}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
