using System.Collections.Immutable;
using System.Linq;
using Gc3.Persistence.Generators.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// The members of a <c>[Persistable]</c> type: a persisted member (any accessibility, see
/// <see cref="PersistableRules.ClassifyMember"/>) whose type cannot be written (GC3P002, with the reason from
/// <see cref="TypeClassifier.FindProblem"/>). GC3P017 (a read-only member not persisted) is retired: read-only
/// members are persisted now; it stays declared so that its ID is not reused.
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
        var type = (INamedTypeSymbol)context.Symbol;
        if (symbols.PersistableAttributeOf(type) is null || PersistableRules.UnsupportedKind(type) is not null)
        {
            return;
        }

        foreach (var member in type.GetMembers())
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (PersistableRules.IsPersistedMember(member, out var memberType))
            {
                if (MemberTypeFacts.ProblemOf(context.Compilation, memberType) is { } problem)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.MemberNotSerializable,
                        PersistenceSymbols.IdentifierLocation(member),
                        type.ToDisplayString(),
                        member.Name,
                        memberType.ToDisplayString(),
                        problem));
                }
            }
        }
    }
}
