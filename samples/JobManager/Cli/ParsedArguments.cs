using System.Globalization;

namespace JobManager.Cli;

/// <summary>A command line split into positional arguments and options, checked against a <see cref="CommandSpec"/>.</summary>
internal sealed class ParsedArguments(CommandSpec spec, IReadOnlyList<string> positionals, IReadOnlyDictionary<string, List<string>> options)
{
    public CommandSpec Spec { get; } = spec;

    public IReadOnlyList<string> Positionals { get; } = positionals;

    public bool Has(string option) => options.ContainsKey(option);

    public string? Value(string option) => options.TryGetValue(option, out var values) ? values[^1] : null;

    public IReadOnlyList<string> Values(string option) => options.TryGetValue(option, out var values) ? values : [];

    /// <summary>An integer option within bounds, or <paramref name="fallback"/> when absent.</summary>
    public long Integer(string option, long fallback, long min, long max)
    {
        if (Value(option) is not { } text)
        {
            return fallback;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"{option} expects a whole number from {min} to {max}, not '{text}'");
        }

        return value;
    }
}
