namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// The members of a <c>[Persistable]</c> type: a persisted member (any accessibility, see
/// <see cref="PersistableRules.ClassifyMember"/>) whose type cannot be written (GC3P002, with the reason from
/// <see cref="TypeClassifier.FindProblem"/>). GC3P017 (a read-only member not persisted) is retired: read-only
/// members are persisted now; it stays declared so that its ID is not reused.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MemberTypeAnalyzer() : PersistableFactsAnalyzer(
    DiagnosticDescriptors.MemberNotSerializable,
    DiagnosticDescriptors.ReadOnlyMemberNotPersisted)
{
    /// <inheritdoc/>
    private protected override void AnalyzeFacts(SymbolAnalysisContext context, TypeFacts facts, PersistenceSymbols symbols)
    {
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
        }
    }
}
