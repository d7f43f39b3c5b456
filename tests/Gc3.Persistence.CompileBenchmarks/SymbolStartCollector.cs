using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Gc3.Persistence.CompileBenchmarks;

/// <summary>
/// The context of an analyzer's symbol start action on one named type, for <see cref="AnalyzerProcessorTime"/>: it
/// keeps the operation actions registered for the type's members and runs them on the operations of the members'
/// bodies and initializers, as Roslyn's driver would. Other kinds of action are refused, as in <see cref="ActionCollector"/>.
/// </summary>
#pragma warning disable CS0618 // Roslyn marks the context's public constructor obsolete to steer tests to its driver.
internal sealed class SymbolStartCollector(INamedTypeSymbol type, Compilation compilation, AnalyzerOptions options)
    : SymbolStartAnalysisContext(type, compilation, options, CancellationToken.None)
#pragma warning restore CS0618
{
    private readonly List<(Action<OperationAnalysisContext> Action, ImmutableArray<OperationKind> Kinds)> _operationActions = [];

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
        => _operationActions.Add((action, operationKinds));

    /// <summary>Runs the operation actions registered for the type on every operation of its members.</summary>
    public void RunOperationActions(Action<Diagnostic> report)
    {
        if (_operationActions.Count == 0)
        {
            return;
        }

        foreach (var member in type.GetMembers())
        {
            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var node = reference.GetSyntax();
                var body = node switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Initializer,
                    PropertyDeclarationSyntax property => property.Initializer,
                    TypeDeclarationSyntax => null,
                    _ => node,
                };
                if (body is null || Compilation.GetSemanticModel(body.SyntaxTree).GetOperation(body) is not { } root)
                {
                    continue;
                }

                foreach (var operation in root.DescendantsAndSelf())
                {
                    foreach (var (action, kinds) in _operationActions)
                    {
                        if (kinds.Contains(operation.Kind))
                        {
#pragma warning disable CS0618 // Made here on purpose, as AnalyzerProcessorTime makes its contexts.
                            action(new OperationAnalysisContext(operation, member, Compilation, Options, report, _ => true, CancellationToken.None));
#pragma warning restore CS0618
                        }
                    }
                }
            }
        }
    }

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw ActionCollector.Unsupported("code block actions");

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
        => throw ActionCollector.Unsupported("code block actions");

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => throw ActionCollector.Unsupported("operation block actions");

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
        => throw ActionCollector.Unsupported("operation block actions");

    public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action) => throw ActionCollector.Unsupported("symbol end actions");

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
        => throw ActionCollector.Unsupported("syntax node actions");
}
