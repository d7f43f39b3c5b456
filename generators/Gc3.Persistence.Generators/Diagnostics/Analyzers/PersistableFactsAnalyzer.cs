namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// The analyzers that look at one <c>[Persistable]</c> type of a kind the generator supports, through its facts
/// (<see cref="PersistenceSymbols.FactsOf"/>). Other types have nothing for them to check, and a kind the generator
/// does not support is reported once, as GC3P004, by <see cref="PersistableTypeAnalyzer"/>.
/// </summary>
public abstract class PersistableFactsAnalyzer : NamedTypeAnalyzer
{
    /// <summary>An analyzer that reports the diagnostics of <paramref name="supportedDiagnostics"/>.</summary>
    private protected PersistableFactsAnalyzer(params DiagnosticDescriptor[] supportedDiagnostics)
        : base(supportedDiagnostics)
    {
    }

    /// <inheritdoc/>
    private protected sealed override void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol type, PersistenceSymbols symbols)
    {
        if (symbols.FactsOf(type) is { UnsupportedKind: null } facts)
        {
            AnalyzeFacts(context, facts, symbols);
        }
    }

    /// <summary>Analyzes one <c>[Persistable]</c> type of a supported kind.</summary>
    private protected abstract void AnalyzeFacts(SymbolAnalysisContext context, TypeFacts facts, PersistenceSymbols symbols);
}
