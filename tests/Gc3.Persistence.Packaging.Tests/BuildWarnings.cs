namespace Gc3.Persistence.Packaging.Tests;

/// <summary>The distinct warnings in MSBuild output (MSBuild prints each twice: where it happened and in the summary).</summary>
public static partial class BuildWarnings
{
    public static IReadOnlyList<(string Code, string Message)> Parse(string output)
        => WarningPattern().Matches(output)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value.Trim()))
            .Distinct()
            .OrderBy(w => w.Item1, StringComparer.Ordinal)
            .ToList();

    // "...: warning IL2104: Assembly 'X' produced trim warnings. ... [/path/project.csproj]" and ILC's "Trim analysis warning IL2057: ...".
    [GeneratedRegex(@"\bwarning ([A-Z]+[0-9]+)\s*:\s*(.*?)(?:\s+\[[^\]]*\])?\r?$", RegexOptions.Multiline)]
    private static partial Regex WarningPattern();
}
