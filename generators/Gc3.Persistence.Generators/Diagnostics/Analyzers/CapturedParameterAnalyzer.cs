using Microsoft.CodeAnalysis.Operations;

namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// A primary constructor parameter of a <c>[Persistable]</c> class used in a member's body (GC3P028). The compiler
/// keeps such a parameter in a field no member declares, which the generated code cannot reach; a load creates the
/// object without running the primary constructor, so the value would be lost without a word. A parameter used only
/// in initializers (or passed to the base constructor) is not captured: the member it initializes is persisted.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CapturedParameterAnalyzer() : PersistenceAnalyzer(DiagnosticDescriptors.CapturedParameter)
{
    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, PersistenceSymbols symbols)
        => start.RegisterSymbolStartAction(
            typeStart =>
            {
                // Only the bodies of [Persistable] classes with a primary constructor are walked: the operations of
                // every other type are never built for this analyzer.
                var type = (INamedTypeSymbol)typeStart.Symbol;
                if (type.TypeKind == TypeKind.Class
                    && PersistableRules.PrimaryConstructorOf(type) is { Parameters.Length: > 0 } constructor
                    && symbols.PersistableAttributeOf(type) is not null)
                {
                    typeStart.RegisterOperationAction(context => Analyze(context, type, constructor), OperationKind.ParameterReference);
                }
            },
            SymbolKind.NamedType);

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol type, IMethodSymbol constructor)
    {
        var parameter = ((IParameterReferenceOperation)context.Operation).Parameter;

        // Inside the primary constructor itself (the base constructor's arguments) and in a field's or property's
        // initializer the parameter is read once, at construction; anywhere else the compiler captures it, unless
        // only its name is taken (nameof).
        if (!SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, constructor)
            || context.ContainingSymbol is IFieldSymbol or IPropertySymbol
            || SymbolEqualityComparer.Default.Equals(context.ContainingSymbol, constructor)
            || InsideNameOf(context.Operation))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.CapturedParameter,
            context.Operation.Syntax.GetLocation(),
            type.ToDisplayString(),
            parameter.Name));
    }

    private static bool InsideNameOf(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is INameOfOperation)
            {
                return true;
            }
        }

        return false;
    }
}
