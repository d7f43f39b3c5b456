namespace JobManager.Cli;

/// <summary>An option a command accepts.</summary>
/// <param name="Name">The long name, with its dashes (<c>--cores</c>).</param>
/// <param name="ValueName">What its value is called in help (<c>N</c>), or <see langword="null"/> for a flag.</param>
/// <param name="Repeatable">Whether it may be given more than once (<c>--arg A --arg B</c>).</param>
/// <param name="Help">One line of help.</param>
internal sealed record OptionSpec(string Name, string? ValueName, bool Repeatable, string Help)
{
    public bool TakesValue => ValueName is not null;

    /// <summary>The store option every command accepts.</summary>
    public static readonly OptionSpec Store = new("--store", "URI", false,
        "the store: sqlite://file.db, postgresql://user:password@host/db, file:///dir or a directory (default: $GC3_STORE, else sqlite://jobs.db)");
}
