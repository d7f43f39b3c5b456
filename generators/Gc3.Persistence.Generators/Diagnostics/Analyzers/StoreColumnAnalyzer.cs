using Parser = Gc3.Persistence.Generators.PersistableGenerator.Parser;

namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// <c>[StoreColumn]</c> members: each must be a public instance member of a scalar type, by the generator's own
/// rules (<see cref="Parser.ReadableTypeOf"/>, <see cref="Parser.ColumnOf"/>) (GC3P011), and each column name must
/// be unique across the type and its persistable base types (GC3P012).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StoreColumnAnalyzer() : PersistableFactsAnalyzer(
    DiagnosticDescriptors.StoreColumnNotScalar,
    DiagnosticDescriptors.DuplicateStoreColumn)
{
    /// <inheritdoc/>
    private protected override bool AppliesTo(PersistenceSymbols symbols) => symbols.StoreColumn is not null;

    /// <inheritdoc/>
    private protected override void AnalyzeFacts(SymbolAnalysisContext context, TypeFacts facts, PersistenceSymbols symbols)
    {
        // Base types' columns come first, as in the generated serializer; they are checked on those types.
        var taken = new Dictionary<string, ISymbol>(StringComparer.OrdinalIgnoreCase);
        foreach (var declaring in Parser.PersistableChain(facts.Type.BaseType))
        {
            foreach (var member in symbols.AnyFactsOf(declaring).Members)
            {
                if (member.StoreColumn is { } attribute && WhyNotAColumn(member.Symbol) is null)
                {
                    var name = PersistableRules.ColumnNameOf(member.Symbol, attribute);
                    if (!taken.ContainsKey(name))
                    {
                        taken[name] = member.Symbol;
                    }
                }
            }
        }

        foreach (var member in facts.Members)
        {
            if (member.StoreColumn is not { } attribute)
            {
                continue;
            }

            var location = PersistenceSymbols.AttributeLocation(attribute, member.Symbol, context.CancellationToken);
            if (WhyNotAColumn(member.Symbol) is { } reason)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.StoreColumnNotScalar, location, facts.DisplayName, member.Symbol.Name, reason));
                continue;
            }

            var name = PersistableRules.ColumnNameOf(member.Symbol, attribute);
            if (taken.TryGetValue(name, out var other))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateStoreColumn,
                    location,
                    name,
                    facts.DisplayName,
                    member.Symbol.Name,
                    other.ContainingType.Name + "." + other.Name));
            }
            else
            {
                taken[name] = member.Symbol;
            }
        }
    }

    /// <summary>Why the generator leaves this <c>[StoreColumn]</c> member out, or <see langword="null"/> when it is a column.</summary>
    private static string? WhyNotAColumn(ISymbol member)
    {
        if (member.IsStatic)
        {
            return "it is static";
        }

        if (member.DeclaredAccessibility != Accessibility.Public)
        {
            return "it is not public";
        }

        if (Parser.ReadableTypeOf(member) is not { } memberType)
        {
            return "it has no getter";
        }

        return Parser.ColumnOf(memberType) is null
            ? $"its type '{memberType.ToDisplayString()}' is not a scalar (a number, bool, char, string, enum, DateTime, DateTimeOffset or Guid)"
            : null;
    }
}
