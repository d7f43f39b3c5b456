namespace Gc3.Persistence.CompileBenchmarks;

/// <summary>
/// The baseline the GC3P analyzers are measured against: an analyzer with the same actions (a named-type
/// symbol action, no generated code) that reads what any of them reads from a type: its attributes, base type,
/// members, and each member's attributes and type; and reports one info on the type (left out of the counts). Roslyn binds
/// those symbols lazily, and works out once per file whether a diagnostic there is in generated code or
/// suppressed, so the first analyzer to read a type or report in its file pays for that; run first, this one
/// pays it, and the GC3P figures after it are their own work (and Roslyn's per-diagnostic checks).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class SymbolReadingBaseline : DiagnosticAnalyzer
{
    /// <summary>The ID of the baseline's diagnostic, which the benchmark leaves out of its counts.</summary>
    public const string DiagnosticId = "BENCH001";

    private static readonly DiagnosticDescriptor Read = new(
        DiagnosticId, "Baseline", "Type read by the baseline", "Benchmark", DiagnosticSeverity.Info, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Read];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start => start.RegisterSymbolAction(ReadType, SymbolKind.NamedType));
    }

    private static void ReadType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var read = type.GetAttributes().Length + (type.BaseType is null ? 0 : 1);
        foreach (var member in type.GetMembers())
        {
            read += member.GetAttributes().Length;
            read += member switch
            {
                IPropertySymbol property => property.Type.SpecialType == SpecialType.None ? 0 : 1,
                IFieldSymbol field => field.Type.SpecialType == SpecialType.None ? 0 : 1,
                _ => 0,
            };
        }

        if (read >= 0 && type.Locations.FirstOrDefault(l => l.IsInSource) is { } location)
        {
            context.ReportDiagnostic(Diagnostic.Create(Read, location));
        }
    }
}
