namespace Gc3.Persistence.Tool.Commands;

/// <summary>The arguments and options several commands share.</summary>
internal static class StoreArguments
{
    public static Argument<string> Store(string name = "STORE", string description = "the store: a directory, file:///dir, sqlite:///path.db or postgresql://user@host/db#table=NAME")
        => new(name) { Description = description };

    public static Option<string?> Tag() => new("--tag") { HelpName = "TAG", Description = "only the records of this type tag" };

    public static Option<string?> Prefix() => new("--prefix") { HelpName = "PREFIX", Description = "only the records whose ID has this prefix (job for job.7)" };

    /// <summary>Parses an ID given on the command line; a malformed one is a usage error that says what an ID looks like.</summary>
    public static Id ParseId(string text)
    {
        try
        {
            return Id.Parse(text);
        }
        catch (FormatException e)
        {
            throw new ToolException(e.Message, 2);
        }
    }
}
