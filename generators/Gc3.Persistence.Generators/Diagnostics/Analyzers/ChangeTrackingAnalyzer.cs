namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// GC3P014 (Info): a <c>[Persistable]</c> type some of whose persisted members the generated setters cannot
/// track, naming them. Tracked means what the generator emits: a partial property it implements
/// (<see cref="PersistableRules.IsGeneratedPartial"/>) of a type whose changes a setter sees
/// (<see cref="TypeClassifier.IsChangeTrackable"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ChangeTrackingAnalyzer() : PersistableFactsAnalyzer(DiagnosticDescriptors.NotFullyTracked)
{
    /// <summary>The <see cref="Diagnostic.Properties"/> key listing, comma-separated, the properties the code fix can make partial.</summary>
    public const string ConvertiblePropertiesKey = "ConvertibleProperties";

    /// <inheritdoc/>
    private protected override void AnalyzeFacts(SymbolAnalysisContext context, TypeFacts facts, PersistenceSymbols symbols)
    {
        if (!facts.CanGenerate)
        {
            return; // nothing is generated: the errors that say why come first
        }

        var notPartial = new List<ISymbol>();
        var mutable = new List<ISymbol>();
        foreach (var member in facts.Members)
        {
            if (!member.IsWritten)
            {
                continue;
            }

            if (!TypeClassifier.IsChangeTrackable(member.Type!))
            {
                mutable.Add(member.Symbol);
            }
            else if (!PersistableRules.IsGeneratedPartial(member.Symbol))
            {
                notPartial.Add(member.Symbol);
            }
        }

        if (notPartial.Count == 0 && mutable.Count == 0)
        {
            return;
        }

        var reasons = new List<string>();
        if (notPartial.Count > 0)
        {
            reasons.Add(Names(notPartial) + (notPartial.Count == 1 ? " is not a partial property" : " are not partial properties"));
        }

        if (mutable.Count > 0)
        {
            reasons.Add(Names(mutable) + (mutable.Count == 1
                ? " has a type whose contents can change without its setter"
                : " have types whose contents can change without their setters"));
        }

        // The fix turns auto-properties into partial properties; fields and properties with bodies stay as they are.
        var convertible = notPartial.OfType<IPropertySymbol>().Where(p => !p.IsPartialDefinition && p.PartialDefinitionPart is null).Select(p => p.Name);
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.NotFullyTracked,
            PersistenceSymbols.IdentifierLocation(facts.Type),
            notPartial.Concat(mutable).Select(PersistenceSymbols.IdentifierLocation),
            ImmutableDictionary<string, string?>.Empty.Add(ConvertiblePropertiesKey, string.Join(",", convertible)),
            facts.DisplayName,
            string.Join("; ", reasons)));
    }

    private static string Names(List<ISymbol> members) => string.Join(", ", members.Select(m => m.Name));
}
