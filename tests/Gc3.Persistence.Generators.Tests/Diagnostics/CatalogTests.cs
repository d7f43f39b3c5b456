using System.Reflection;

namespace Gc3.Persistence.Generators.Tests.Diagnostics;

/// <summary>The descriptor catalog, the analyzers, the docs pages, the README table and the release file agree.</summary>
public class CatalogTests
{
    private static readonly IReadOnlyList<DiagnosticDescriptor> Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToList();

    [Fact]
    public void Every_descriptor_is_reported_by_exactly_one_analyzer_and_every_ID_constant_has_a_descriptor()
    {
        var supported = GeneratorHarness.CreateAnalyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToList();
        Assert.Equal(Descriptors.Select(d => d.Id), supported.Order(StringComparer.Ordinal));

        var idConstants = typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal);
        Assert.Equal(Descriptors.Select(d => d.Id), idConstants);
        Assert.Equal(Enumerable.Range(1, Descriptors.Count).Select(n => $"GC3P{n:000}"), Descriptors.Select(d => d.Id));
    }

    [Fact]
    public void Every_descriptor_has_a_help_page_a_README_row_and_a_release_entry()
    {
        var root = Repository.Root;
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var unshipped = File.ReadAllText(Path.Combine(root, "generators", "Gc3.Persistence.Generators", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in Descriptors)
        {
            Assert.Equal($"https://github.com/gc3pie/Gc3.Persistence.Generated/blob/main/docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri);
            var page = Path.Combine(root, "docs", "diagnostics", descriptor.Id + ".md");
            Assert.True(File.Exists(page), $"{page} is missing");
            var text = File.ReadAllText(page);
            Assert.StartsWith($"# {descriptor.Id}: {descriptor.Title}\n", text);
            Assert.Contains($"| Severity | {descriptor.DefaultSeverity} |", text);
            Assert.Contains($"| Message | {descriptor.MessageFormat} |", text);
            Assert.Contains($"| [{descriptor.Id}](docs/diagnostics/{descriptor.Id}.md) | {descriptor.DefaultSeverity} |", readme);
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", unshipped);
        }
    }
}
