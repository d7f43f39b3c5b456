namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>The analyzers that look at one named type at a time (the set-up of <see cref="PersistenceAnalyzer"/>).</summary>
public abstract class NamedTypeAnalyzer : PersistenceAnalyzer
{
    /// <summary>An analyzer that reports the diagnostics of <paramref name="supportedDiagnostics"/>.</summary>
    private protected NamedTypeAnalyzer(params DiagnosticDescriptor[] supportedDiagnostics)
        : base(supportedDiagnostics)
    {
    }

    /// <inheritdoc/>
    private protected sealed override void OnCompilationStart(CompilationStartAnalysisContext start, PersistenceSymbols symbols)
    {
        if (AppliesTo(symbols))
        {
            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, (INamedTypeSymbol)symbolContext.Symbol, symbols), SymbolKind.NamedType);
        }
    }

    /// <summary>Whether the analyzer has anything to look for in a compilation with these symbols.</summary>
    private protected virtual bool AppliesTo(PersistenceSymbols symbols) => true;

    /// <summary>Analyzes one named type, <paramref name="type"/> (the symbol of <paramref name="context"/>).</summary>
    private protected abstract void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol type, PersistenceSymbols symbols);
}
