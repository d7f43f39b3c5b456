namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// The analyzers that report a written member of a <c>[Persistable]</c> type for what its type holds: a fact of the
/// member's type, answered once per type and compilation (<see cref="MemberTypeFacts"/>), reported at the member.
/// </summary>
public abstract class WrittenMemberAnalyzer : PersistableFactsAnalyzer
{
    private readonly DiagnosticDescriptor _rule;

    /// <summary>An analyzer that reports <paramref name="rule"/>.</summary>
    private protected WrittenMemberAnalyzer(DiagnosticDescriptor rule)
        : base(rule)
        => _rule = rule;

    /// <inheritdoc/>
    private protected sealed override void AnalyzeFacts(SymbolAnalysisContext context, TypeFacts facts, PersistenceSymbols symbols)
    {
        foreach (var member in facts.Members)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (member.IsWritten && ArgumentsFor(symbols.Compilation, member.Type!) is { } arguments)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    _rule, PersistenceSymbols.IdentifierLocation(member.Symbol), [facts.DisplayName, member.Symbol.Name, .. arguments]));
            }
        }
    }

    /// <summary>What the diagnostic says of <paramref name="type"/>, after the names of the type and the member; <see langword="null"/>: nothing to report.</summary>
    private protected abstract object?[]? ArgumentsFor(Compilation compilation, ITypeSymbol type);
}
