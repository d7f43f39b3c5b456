using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Gc3.Persistence.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated files with baselines checked in under <c>Baselines/{TestName}/{hint name}.txt</c>.
/// On a mismatch it writes <c>{hint name}.received.txt</c> next to the baseline (git-ignored) and fails
/// with the first differing line. <c>UPDATE_SNAPSHOTS=1</c> rewrites the baselines instead, except under
/// <c>CI=true</c>, where baselines are only ever compared.
/// </summary>
internal static partial class Snapshot
{
    public static void Match(string testName, IReadOnlyList<(string HintName, string Text)> files, [CallerFilePath] string callerFile = "")
        => Match(Path.Combine(ProjectDirectory(callerFile), "Baselines", testName), files, UpdateRequested());

    internal static bool UpdateRequested()
        => Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1"
           && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    internal static void Match(string directory, IReadOnlyList<(string HintName, string Text)> files, bool update)
    {
        Directory.CreateDirectory(directory);
        var actual = files.ToDictionary(f => f.HintName + ".txt", f => Scrub(f.Text), StringComparer.Ordinal);
        var baselines = Directory.GetFiles(directory, "*.txt")
            .Where(p => !p.EndsWith(".received.txt", StringComparison.Ordinal))
            .ToDictionary(p => Path.GetFileName(p)!, StringComparer.Ordinal);

        if (update)
        {
            foreach (var stale in baselines.Keys.Except(actual.Keys))
            {
                File.Delete(baselines[stale]);
            }

            foreach (var (name, text) in actual)
            {
                File.WriteAllText(Path.Combine(directory, name), text);
                File.Delete(Path.Combine(directory, ReceivedName(name)));
            }

            return;
        }

        var failures = new List<string>();
        foreach (var missing in baselines.Keys.Except(actual.Keys))
        {
            failures.Add($"{missing}: the generator no longer writes this file");
        }

        foreach (var (name, text) in actual.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var received = Path.Combine(directory, ReceivedName(name));
            if (!baselines.TryGetValue(name, out var baselinePath))
            {
                File.WriteAllText(received, text);
                failures.Add($"{name}: no baseline (run with UPDATE_SNAPSHOTS=1 to accept {received})");
                continue;
            }

            var expected = Normalize(File.ReadAllText(baselinePath));
            if (FirstDifference(expected, text) is { } difference)
            {
                File.WriteAllText(received, text);
                failures.Add($"{name}: {difference} (received output written to {received})");
            }
            else
            {
                File.Delete(received);
            }
        }

        if (failures.Count > 0)
        {
            Assert.Fail("Generated code differs from the baselines in " + directory + ":" + Environment.NewLine + string.Join(Environment.NewLine, failures));
        }
    }

    /// <summary>Normalizes line endings and replaces the generator version, so a version bump rewrites no baseline.</summary>
    internal static string Scrub(string text) => VersionPattern().Replace(Normalize(text), "${prefix}%VERSION%\"");

    internal static string? FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return $"line {i + 1} differs:{Environment.NewLine}  expected: {e}{Environment.NewLine}  actual:   {a}";
            }
        }

        return null;
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    private static string ReceivedName(string baselineName) => baselineName[..^".txt".Length] + ".received.txt";

    private static string ProjectDirectory(string callerFile)
    {
        for (var directory = Path.GetDirectoryName(callerFile); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (Directory.GetFiles(directory, "*.csproj").Length > 0)
            {
                return directory;
            }
        }

        throw new InvalidOperationException($"No project directory above {callerFile}.");
    }

    [GeneratedRegex("(?<prefix>GeneratedCodeAttribute\\(\"Gc3\\.Persistence\\.Generators\", \")[^\"]*\"")]
    private static partial Regex VersionPattern();
}
