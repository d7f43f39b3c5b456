using System.Collections.Concurrent;
using System.Text;

namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// What names a type in its records: the type tag must be valid and used by one type only, in this
/// compilation (GC3P005), against referenced assemblies (GC3P006) and among them (GC3P007); the ID prefix
/// must be one the runtime accepts (GC3P018). Tags are computed by the generator's <see cref="PersistableRules.TagOf"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TypeTagAnalyzer() : PersistenceAnalyzer(
    DiagnosticDescriptors.DuplicateTag,
    DiagnosticDescriptors.TagClashesWithReference,
    DiagnosticDescriptors.ReferencedTagsClash,
    DiagnosticDescriptors.InvalidTagOrPrefix)
{
    // Mirror the runtime's limits (RecordFormat.MaxTagBytes, Id.MaxPrefixLength and Id.IsValidPrefix).
    private const int MaxTagBytes = 1024;
    private const int MaxPrefixLength = 128;

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, PersistenceSymbols symbols)
    {
        // Read referenced assemblies once per compilation, and only when asked.
        var referenced = new Lazy<ReferencedTypeTags>(() => ReferencedTypeTags.Collect(start.Compilation, symbols.Persistable));
        var byTag = new ConcurrentDictionary<string, ConcurrentBag<(INamedTypeSymbol Type, Location Location)>>(StringComparer.Ordinal);
        start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, symbols, referenced, byTag), SymbolKind.NamedType);
        start.RegisterCompilationEndAction(end => ReportClashes(end, referenced, byTag));
    }

    private static void Analyze(
        SymbolAnalysisContext context,
        PersistenceSymbols symbols,
        Lazy<ReferencedTypeTags> referenced,
        ConcurrentDictionary<string, ConcurrentBag<(INamedTypeSymbol Type, Location Location)>> byTag)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (symbols.PersistableAttributeOf(type) is not { } attribute || type.IsAbstract || PersistableRules.UnsupportedKind(type) is not null)
        {
            return; // abstract types are never registered, so their tag and prefix are never used
        }

        var explicitTag = attribute.ConstructorArguments.Length == 1;
        var tag = PersistableRules.TagOf(type, attribute);
        var tagLocation = explicitTag
            ? PersistenceSymbols.ArgumentLocation(attribute, 0, type, context.CancellationToken)
            : PersistenceSymbols.AttributeLocation(attribute, type, context.CancellationToken);
        if (WhyInvalidTag(tag) is { } tagProblem)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidTagOrPrefix, tagLocation, "type tag", tag, type.ToDisplayString(), tagProblem));
        }

        var prefix = PersistableRules.IdPrefixOf(type, attribute);
        if (WhyInvalidPrefix(prefix) is { } prefixProblem)
        {
            var explicitPrefix = attribute.NamedArguments.Any(a => a.Key == "IdPrefix");
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InvalidTagOrPrefix,
                explicitPrefix
                    ? PersistenceSymbols.NamedArgumentLocation(attribute, "IdPrefix", type, context.CancellationToken)
                    : PersistenceSymbols.AttributeLocation(attribute, type, context.CancellationToken),
                "ID prefix",
                prefix,
                type.ToDisplayString(),
                explicitPrefix ? prefixProblem : prefixProblem + " (the class name is the default; set IdPrefix)"));
        }

        if (referenced.Value.ByTag.TryGetValue(tag, out var other))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.TagClashesWithReference,
                tagLocation,
                tag,
                type.ToDisplayString(),
                other.Type.ToDisplayString(),
                other.Assembly.Name));
        }

        byTag.GetOrAdd(tag, _ => new ConcurrentBag<(INamedTypeSymbol, Location)>()).Add((type, tagLocation));
    }

    private static void ReportClashes(
        CompilationAnalysisContext context,
        Lazy<ReferencedTypeTags> referenced,
        ConcurrentDictionary<string, ConcurrentBag<(INamedTypeSymbol Type, Location Location)>> byTag)
    {
        foreach (var pair in byTag)
        {
            if (pair.Value.Count < 2)
            {
                continue;
            }

            // Sorted, so that each type names the same "other" type on every run.
            var types = pair.Value.OrderBy(t => t.Type.ToDisplayString(), StringComparer.Ordinal).ToList();
            for (var i = 0; i < types.Count; i++)
            {
                var other = types[i == 0 ? 1 : 0];
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateTag,
                    types[i].Location,
                    pair.Key,
                    types[i].Type.ToDisplayString(),
                    other.Type.ToDisplayString()));
            }
        }

        foreach (var clash in referenced.Value.Clashes)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ReferencedTagsClash,
                Location.None,
                clash.First.ToDisplayString(),
                clash.FirstAssembly.Name,
                clash.Second.ToDisplayString(),
                clash.SecondAssembly.Name,
                clash.Tag));
        }
    }

    private static string? WhyInvalidTag(string tag)
    {
        if (tag.Length == 0)
        {
            return "a tag must not be empty";
        }

        var bytes = Encoding.UTF8.GetByteCount(tag);
        return bytes > MaxTagBytes ? $"it takes {bytes} bytes of UTF-8, more than the {MaxTagBytes} a record header holds" : null;
    }

    private static string? WhyInvalidPrefix(string prefix)
    {
        const string rule = "use 1 to 128 ASCII letters, digits, '_', '-' or '.', starting with a letter, digit or '_'";
        if (prefix.Length == 0 || prefix.Length > MaxPrefixLength || !(IsAsciiLetterOrDigit(prefix[0]) || prefix[0] == '_'))
        {
            return rule;
        }

        return prefix.All(c => IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? null : rule;
    }

    private static bool IsAsciiLetterOrDigit(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');
}
