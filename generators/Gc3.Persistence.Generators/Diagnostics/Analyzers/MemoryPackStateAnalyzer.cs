namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// The written members of a <c>[Persistable]</c> type whose values reach a <c>[MemoryPackable]</c> type with
/// state MemoryPack does not bring back (GC3P029, <see cref="SchemaShapes.UnwrittenStateOf"/>, answered once per member type
/// and compilation by <see cref="MemberTypeFacts.UnwrittenStateOf"/>): that state would be lost on load without a word.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MemoryPackStateAnalyzer() : PersistableFactsAnalyzer(DiagnosticDescriptors.UnwrittenMemoryPackState)
{
    /// <inheritdoc/>
    private protected override void AnalyzeFacts(SymbolAnalysisContext context, TypeFacts facts, PersistenceSymbols symbols)
    {
        foreach (var member in facts.Members)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (member.IsWritten && MemberTypeFacts.UnwrittenStateOf(symbols.Compilation, member.Type!) is { } unwritten)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnwrittenMemoryPackState,
                    PersistenceSymbols.IdentifierLocation(member.Symbol),
                    facts.DisplayName,
                    member.Symbol.Name,
                    unwritten.Type,
                    unwritten.Members));
            }
        }
    }
}
