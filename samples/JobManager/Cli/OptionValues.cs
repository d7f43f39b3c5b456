using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace JobManager.Cli;

/// <summary>
/// Options whose values are checked while the command line is parsed, so that a bad value is a usage
/// error (exit code 2) in the job manager's words, before anything is opened.
/// </summary>
internal static class OptionValues
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; <paramref name="fallback"/> when absent.</summary>
    public static Option<long> WholeNumber(string name, string helpName, string description, long min, long max, long fallback) => new(name)
    {
        HelpName = helpName,
        Description = description,
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            var text = result.Tokens[^1].Value;
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            result.AddError($"{name} expects a whole number from {min} to {max}, not '{text}'");
            return fallback;
        },
    };

    /// <summary>A repeatable text option (<c>--tag A --tag B</c>), each value one token even when it starts with '-'.</summary>
    public static Option<string[]> Repeatable(string name, string helpName, string description) => new(name)
    {
        HelpName = helpName,
        Description = description,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Turns a <see cref="UsageException"/> thrown by <paramref name="parse"/> into a parse error.</summary>
    public static T? Checked<T>(ArgumentResult result, Func<string, T> parse)
    {
        try
        {
            return parse(result.Tokens[^1].Value);
        }
        catch (UsageException e)
        {
            result.AddError(e.Message);
            return default;
        }
    }
}
