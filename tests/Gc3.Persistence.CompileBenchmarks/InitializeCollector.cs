namespace Gc3.Persistence.CompileBenchmarks;

/// <summary>
/// The context of <see cref="DiagnosticAnalyzer.Initialize"/> for <see cref="AnalyzerProcessorTime"/>: it keeps
/// the compilation start actions (the GC3P analyzers register everything else in them) and refuses the rest.
/// </summary>
internal sealed class InitializeCollector : AnalysisContext
{
    public List<Action<CompilationStartAnalysisContext>> CompilationStartActions { get; } = [];

    public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => CompilationStartActions.Add(action);

    public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
    {
        // Only user code is analyzed here (the compilation's own named types).
    }

    public override void EnableConcurrentExecution()
    {
        // One action at a time, on this thread.
    }

    public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw ActionCollector.Unsupported("compilation actions");

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw ActionCollector.Unsupported("semantic model actions");

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
        => throw ActionCollector.Unsupported("symbol actions outside compilation start");

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
        => throw ActionCollector.Unsupported("code block actions");

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw ActionCollector.Unsupported("code block actions");

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw ActionCollector.Unsupported("syntax tree actions");

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
        => throw ActionCollector.Unsupported("syntax node actions");
}
