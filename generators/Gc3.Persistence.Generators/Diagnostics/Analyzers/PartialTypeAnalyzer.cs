using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// GC3P001: a <c>[Persistable]</c> class, and every type it is nested in, must be <c>partial</c>, since the
/// generator adds to each of them. Reported once per declaration that lacks the keyword.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PartialTypeAnalyzer() : NamedTypeAnalyzer(DiagnosticDescriptors.TypeNotPartial)
{
    /// <inheritdoc/>
    private protected override void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol type, PersistenceSymbols symbols)
    {
        var persistable = symbols.PersistableAttributeOf(type) is not null && type.TypeKind == TypeKind.Class
            ? type
            : FindNestedPersistable(type, symbols);
        if (persistable is null)
        {
            return;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration
                && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.TypeNotPartial,
                    declaration.Identifier.GetLocation(),
                    type.ToDisplayString(),
                    persistable.ToDisplayString()));
            }
        }
    }

    private static INamedTypeSymbol? FindNestedPersistable(INamedTypeSymbol type, PersistenceSymbols symbols)
    {
        foreach (var nested in type.GetTypeMembers())
        {
            if (symbols.PersistableAttributeOf(nested) is not null)
            {
                return nested;
            }

            if (FindNestedPersistable(nested, symbols) is { } deeper)
            {
                return deeper;
            }
        }

        return null;
    }
}
