namespace Gc3.Persistence.CompileBenchmarks;

/// <summary>
/// The processor time of each analyzer's own code: its actions called one after the other on this thread,
/// without Roslyn's driver (no waiting for a core, no generated-code checks of reported diagnostics), in the
/// order given (put <see cref="SymbolReadingBaseline"/> first, so that the others do not pay for binding).
/// It supports what the GC3P analyzers register: compilation start, named-type symbol, named-type symbol start (with
/// operation actions) and compilation end actions.
/// </summary>
internal static class AnalyzerProcessorTime
{
    public static IReadOnlyList<(string Name, TimeSpan Time)> Measure(Compilation compilation, IReadOnlyList<DiagnosticAnalyzer> analyzers)
    {
        var types = new List<INamedTypeSymbol>();
        CollectTypes(compilation.Assembly.GlobalNamespace, types);
        var options = new AnalyzerOptions([]);
        var result = new List<(string, TimeSpan)>();
        foreach (var analyzer in analyzers)
        {
            var reported = new List<Diagnostic>();
            var start = ThreadProcessorTime.Now();
            var initialize = new InitializeCollector();
            analyzer.Initialize(initialize);
            var registrations = new ActionCollector(compilation, options);
            foreach (var compilationStart in initialize.CompilationStartActions)
            {
                compilationStart(registrations);
            }

            // The contexts are made here on purpose (Roslyn marks their constructors obsolete to steer tests to its driver).
#pragma warning disable CS0618
            foreach (var type in types)
            {
                foreach (var action in registrations.SymbolActions)
                {
                    action(new SymbolAnalysisContext(type, compilation, options, reported.Add, _ => true, CancellationToken.None));
                }

                foreach (var symbolStart in registrations.SymbolStartActions)
                {
                    var typeActions = new SymbolStartCollector(type, compilation, options);
                    symbolStart(typeActions);
                    typeActions.RunOperationActions(reported.Add);
                }
            }

            foreach (var end in registrations.CompilationEndActions)
            {
                end(new CompilationAnalysisContext(compilation, options, reported.Add, _ => true, CancellationToken.None));
            }
#pragma warning restore CS0618

            result.Add((analyzer.GetType().Name, ThreadProcessorTime.Now() - start));
        }

        return result;
    }

    // The named types a symbol action sees: every type of the compilation's own assembly, nested ones too.
    private static void CollectTypes(INamespaceOrTypeSymbol container, List<INamedTypeSymbol> types)
    {
        foreach (var member in container.GetMembers())
        {
            if (member is INamespaceOrTypeSymbol inner)
            {
                if (inner is INamedTypeSymbol type)
                {
                    types.Add(type);
                }

                CollectTypes(inner, types);
            }
        }
    }
}
