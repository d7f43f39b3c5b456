namespace Gc3.Persistence.Testing;

/// <summary>
/// The command line of the benchmark programs, read one way: the program's own parser, its usage text on a
/// mistake (exit code 2) or on <c>--help</c> (exit code 0).
/// </summary>
public static class ProgramArguments
{
    /// <summary>
    /// Runs <paramref name="parse"/>. An <see cref="ArgumentException"/> prints its message and <paramref name="usage"/>
    /// on standard error and gives exit code 2; options asking for help (<paramref name="help"/>) print the usage and
    /// give exit code 0; otherwise the exit code is null and the program runs with <paramref name="options"/>.
    /// </summary>
    public static int? Parse<TOptions>(Func<TOptions> parse, Func<TOptions, bool> help, string usage, out TOptions options)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(help);
        try
        {
            options = parse();
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine();
            Console.Error.WriteLine(usage);
            options = null!;
            return 2;
        }

        if (help(options))
        {
            Console.WriteLine(usage);
            return 0;
        }

        return null;
    }
}
