using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// The set-up shared by the analyzers that look at one named type at a time: none runs on generated
/// code, all run concurrently, and only in compilations that reference the runtime.
/// </summary>
public abstract class NamedTypeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (PersistenceSymbols.Of(start.Compilation) is { } symbols && AppliesTo(symbols))
            {
                start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, symbols), SymbolKind.NamedType);
            }
        });
    }

    /// <summary>Whether the analyzer has anything to look for in a compilation with these symbols.</summary>
    private protected virtual bool AppliesTo(PersistenceSymbols symbols) => true;

    /// <summary>Analyzes one named type.</summary>
    private protected abstract void AnalyzeType(SymbolAnalysisContext context, PersistenceSymbols symbols);
}
