namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// The set-up every GC3P analyzer shares: it names the diagnostics it reports when constructed, none runs on
/// generated code, all run concurrently, and only in compilations that reference the runtime
/// (<see cref="PersistenceSymbols.Of"/>).
/// </summary>
public abstract class PersistenceAnalyzer : DiagnosticAnalyzer
{
    /// <summary>An analyzer that reports the diagnostics of <paramref name="supportedDiagnostics"/>.</summary>
    private protected PersistenceAnalyzer(params DiagnosticDescriptor[] supportedDiagnostics)
        => SupportedDiagnostics = ImmutableArray.Create(supportedDiagnostics);

    /// <inheritdoc/>
    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (PersistenceSymbols.Of(start.Compilation) is { } symbols)
            {
                OnCompilationStart(start, symbols);
            }
        });
    }

    /// <summary>Registers the analyzer's actions in a compilation that uses Gc3.Persistence.</summary>
    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext start, PersistenceSymbols symbols);
}
