namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// The written members of a <c>[Persistable]</c> type whose values reach a <c>[MemoryPackable]</c> type with
/// state MemoryPack does not bring back (GC3P029, <see cref="SchemaShapes.UnwrittenStateOf"/>, answered once per member type
/// and compilation by <see cref="MemberTypeFacts.UnwrittenStateOf"/>): that state would be lost on load without a word.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MemoryPackStateAnalyzer() : WrittenMemberAnalyzer(DiagnosticDescriptors.UnwrittenMemoryPackState)
{
    /// <inheritdoc/>
    private protected override object?[]? ArgumentsFor(Compilation compilation, ITypeSymbol type)
        => MemberTypeFacts.UnwrittenStateOf(compilation, type) is { } unwritten ? [unwritten.Type, unwritten.Members] : null;
}
