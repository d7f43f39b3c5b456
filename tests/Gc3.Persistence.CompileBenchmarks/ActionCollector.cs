namespace Gc3.Persistence.CompileBenchmarks;

/// <summary>
/// The context of an analyzer's compilation start actions, keeping the actions they register for
/// <see cref="AnalyzerProcessorTime"/> to call. Kinds of action the GC3P analyzers do not register are
/// refused, so that a new one is not silently left out of the figures.
/// </summary>
internal sealed class ActionCollector(Compilation compilation, AnalyzerOptions options)
    : CompilationStartAnalysisContext(compilation, options, CancellationToken.None)
{
    public List<Action<SymbolAnalysisContext>> SymbolActions { get; } = [];

    public List<Action<CompilationAnalysisContext>> CompilationEndActions { get; } = [];

    public List<Action<SymbolStartAnalysisContext>> SymbolStartActions { get; } = [];

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
        => SymbolActions.Add(symbolKinds.SequenceEqual([SymbolKind.NamedType]) ? action : throw Unsupported($"symbol actions on {string.Join(", ", symbolKinds)}"));

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind)
        => SymbolStartActions.Add(symbolKind == SymbolKind.NamedType ? action : throw Unsupported($"symbol start actions on {symbolKind}"));

    public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => CompilationEndActions.Add(action);

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported("semantic model actions");

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported("code block actions");

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported("code block actions");

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported("syntax tree actions");

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
        => throw Unsupported("syntax node actions");

    public static NotSupportedException Unsupported(string what) => new($"the processor-time run does not call {what}; Roslyn's figures include them");
}
