using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Gc3.Persistence.Tests;

/// <summary>The README stays a front door, and no link in it or in docs/ leads nowhere.</summary>
public partial class DocumentationTests
{
    // Issue 12: "at most about 250 lines"; topics live in docs/.
    private const int MaxReadmeLines = 260;

    [Fact]
    public void The_README_is_at_most_260_lines()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md")).Length;
        Assert.True(lines <= MaxReadmeLines, $"README.md has {lines} lines; move details to a page under docs/ (at most {MaxReadmeLines}).");
    }

    [Fact]
    public void Every_relative_link_in_the_README_and_docs_points_at_a_file_and_heading_that_exist()
    {
        var root = RepositoryRoot();
        var pages = Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
            .Prepend(Path.Combine(root, "README.md"))
            .ToList();
        var broken = new List<string>();
        var checkedLinks = 0;
        foreach (var page in pages)
        {
            foreach (var link in RelativeLinks(File.ReadAllText(page)))
            {
                checkedLinks++;
                var hash = link.IndexOf('#');
                var path = hash < 0 ? link : link[..hash];
                var anchor = hash < 0 ? null : link[(hash + 1)..];
                var target = path.Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(path)));
                var where = $"{Path.GetRelativePath(root, page)}: ({link})";
                if (!File.Exists(target) && !Directory.Exists(target))
                {
                    broken.Add($"{where}: {Path.GetRelativePath(root, target)} does not exist");
                }
                else if (anchor is not null && File.Exists(target) && !HeadingAnchors(File.ReadAllText(target)).Contains(anchor))
                {
                    broken.Add($"{where}: {Path.GetRelativePath(root, target)} has no heading #{anchor}");
                }
            }
        }

        Assert.True(checkedLinks > 0, "no relative link was found: the link pattern is broken");
        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void Anchors_are_made_from_headings_as_GitHub_makes_them()
    {
        var anchors = HeadingAnchors("# Title\n## IDs and the counter\n```\n# not a heading\n```\n## The two MemoryPack warnings, and why they are harmless\n### `Save` & `Load`\n");
        Assert.Equal(new[] { "title", "ids-and-the-counter", "the-two-memorypack-warnings-and-why-they-are-harmless", "save--load" }, anchors);
    }

    [Fact]
    public void The_record_format_example_is_a_record_with_the_framing_and_checksum_it_describes()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "record-format.md"));
        var dump = FencedCode().Match(page, page.IndexOf("## Example", StringComparison.Ordinal)).Value;
        var record = Convert.FromHexString(string.Concat(
            dump.Split('\n').Select(line => DumpLine().Match(line)).Where(m => m.Success).Select(m => m.Groups["bytes"].Value.Replace(" ", ""))));

        Assert.Equal(141, record.Length);
        Assert.Equal("job", RecordFormat.ReadHeader(null, record, out var body));
        Assert.Equal(new Id("Job", 1), RecordFormat.ReadId(null, record, out var schemaHash));
        Assert.Equal(0x2895E3A6D997A11BUL, schemaHash); // the quick start's Job (a generator test checks it is)
        Assert.Equal(102, body.GetOffsetAndLength(record.Length).Length);
    }

    [Fact]
    public void The_telemetry_page_lists_every_log_event_id_under_its_level()
    {
        // Monitors filter on these IDs: the page once said two events were warnings, leaving out StoreLogEvents.Skipped.
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "telemetry.md"));
        var warnings = page[page.IndexOf("events are warnings", StringComparison.Ordinal)..];
        var debug = page[..page.IndexOf("events are warnings", StringComparison.Ordinal)];
        var events = typeof(Telemetry.StoreLog).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(method => method.GetCustomAttribute<Microsoft.Extensions.Logging.LoggerMessageAttribute>())
            .OfType<Microsoft.Extensions.Logging.LoggerMessageAttribute>()
            .Select(attribute => (Id: attribute.EventId, attribute.Level))
            .Concat(typeof(StoreLogEvents).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(field => (Id: ((Microsoft.Extensions.Logging.EventId)field.GetValue(null)!).Id, Level: Microsoft.Extensions.Logging.LogLevel.Warning)))
            .ToList();

        Assert.Equal(12, events.Count);
        foreach (var (id, level) in events)
        {
            var section = level == Microsoft.Extensions.Logging.LogLevel.Warning ? warnings : debug;
            Assert.True(section.Contains($"| {id} |", StringComparison.Ordinal), $"docs/telemetry.md lists no {level} event {id}");
        }

        Assert.Contains($"{NumberWords[events.Count(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning)]} events are warnings", page, StringComparison.Ordinal);
    }

    private static readonly string[] NumberWords = ["No", "One", "Two", "Three", "Four", "Five"];

    // The targets of Markdown links that are neither absolute URLs nor mail addresses, outside code.
    private static IEnumerable<string> RelativeLinks(string markdown)
    {
        var text = InlineCode().Replace(FencedCode().Replace(markdown, ""), "");
        foreach (Match match in Link().Matches(text))
        {
            var target = match.Groups["target"].Value;
            if (!Regex.IsMatch(target, "^[a-zA-Z][a-zA-Z0-9+.-]*:"))
            {
                yield return target;
            }
        }
    }

    // GitHub's anchors: the heading text in lower case, without punctuation, spaces turned into '-'.
    private static List<string> HeadingAnchors(string markdown)
    {
        var anchors = new List<string>();
        foreach (Match heading in Heading().Matches(FencedCode().Replace(markdown, "")))
        {
            var anchor = new StringBuilder();
            foreach (var c in heading.Groups["text"].Value.Trim().ToLowerInvariant())
            {
                if (char.IsLetterOrDigit(c) || c is '-' or '_')
                {
                    anchor.Append(c);
                }
                else if (c == ' ')
                {
                    anchor.Append('-');
                }
            }

            anchors.Add(anchor.ToString());
        }

        return anchors;
    }

    private static string RepositoryRoot([CallerFilePath] string file = "")
    {
        for (var directory = Path.GetDirectoryName(file); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "Gc3.Persistence.Generated.sln")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException("The repository root was not found above " + file);
    }

    [GeneratedRegex(@"^(```|~~~).*?^\1", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCode();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    // "0012  06 73 e0 8f 0d 00 00 00    key ...": the offset, then the bytes (pairs of hex digits).
    [GeneratedRegex(@"^[0-9a-f]{4}  (?<bytes>[0-9a-f]{2}(?: [0-9a-f]{2})*)")]
    private static partial Regex DumpLine();

    [GeneratedRegex(@"^#{1,6}[ \t]+(?<text>.+?)[ \t]*#*[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
