using System.Collections.Immutable;
using System.Linq;
using Gc3.Persistence.Generators.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// The members of a <c>[Persistable]</c> type: a persisted member whose type cannot be written (GC3P002,
/// with the reason from <see cref="TypeClassifier.FindProblem"/>), and a public read-only member that
/// holds state but is not persisted (GC3P017).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MemberTypeAnalyzer : NamedTypeAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.MemberNotSerializable,
        DiagnosticDescriptors.ReadOnlyMemberNotPersisted);

    /// <inheritdoc/>
    private protected override void AnalyzeType(SymbolAnalysisContext context, PersistenceSymbols symbols)
    {
        if (symbols.FactsOf((INamedTypeSymbol)context.Symbol) is not { UnsupportedKind: null } facts)
        {
            return;
        }

        foreach (var member in facts.Members)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (member.IsPersisted)
            {
                if (member.Problem is { } problem)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.MemberNotSerializable,
                        PersistenceSymbols.IdentifierLocation(member.Symbol),
                        facts.DisplayName,
                        member.Symbol.Name,
                        member.Type!.ToDisplayString(),
                        problem));
                }
            }
            else if (IsReadOnlyState(member, context))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ReadOnlyMemberNotPersisted,
                    PersistenceSymbols.IdentifierLocation(member.Symbol),
                    facts.DisplayName,
                    member.Symbol.Name));
            }
        }
    }

    /// <summary>A public get-only auto-property or readonly field: state a load cannot assign.</summary>
    private static bool IsReadOnlyState(MemberFacts facts, SymbolAnalysisContext context)
    {
        var member = facts.Symbol;
        if (member.IsStatic || member.IsImplicitlyDeclared || member.DeclaredAccessibility != Accessibility.Public || facts.PersistIgnore is not null)
        {
            return false;
        }

        return member switch
        {
            IFieldSymbol { IsReadOnly: true, IsConst: false, AssociatedSymbol: null } => true,
            IPropertySymbol { SetMethod: null, IsIndexer: false, IsAbstract: false, IsExtern: false, IsPartialDefinition: false, PartialDefinitionPart: null } property
                => property.DeclaringSyntaxReferences.Any(r => IsAutoProperty(r.GetSyntax(context.CancellationToken))),
            _ => false,
        };
    }

    private static bool IsAutoProperty(SyntaxNode node)
        => node is PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors }
           && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null);
}
