namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// What the analyzers need to know about one property or field the user declared in a type: whether the
/// generator persists it (<see cref="PersistableRules.IsPersistedMember"/>), why its type cannot be written,
/// its key and its Gc3.Persistence attributes, read in one walk of its attributes.
/// </summary>
internal sealed class MemberFacts
{
    public MemberFacts(ISymbol member, PersistenceSymbols symbols)
    {
        Symbol = member;
        foreach (var attribute in member.GetAttributes())
        {
            var attributeClass = attribute.AttributeClass;
            if (SymbolEqualityComparer.Default.Equals(attributeClass, symbols.PersistOrder))
            {
                PersistOrder ??= attribute;
            }
            else if (SymbolEqualityComparer.Default.Equals(attributeClass, symbols.PersistName))
            {
                PersistName ??= attribute;
            }
            else if (SymbolEqualityComparer.Default.Equals(attributeClass, symbols.StoreColumn))
            {
                StoreColumn ??= attribute;
            }
            else if (SymbolEqualityComparer.Default.Equals(attributeClass, symbols.PersistIgnore))
            {
                PersistIgnore ??= attribute;
            }
        }

        if (PersistableRules.IsPersistedMember(member, out var type))
        {
            IsPersisted = true;
            Type = type;
            Problem = MemberTypeFacts.ProblemOf(symbols.Compilation, type);
            if (Problem is null)
            {
                Key = PersistableRules.KeyOf(member);
            }
        }
    }

    public ISymbol Symbol { get; }

    public AttributeData? PersistOrder { get; }

    public AttributeData? PersistName { get; }

    public AttributeData? StoreColumn { get; }

    public AttributeData? PersistIgnore { get; }

    /// <summary>Whether the member is persisted by the rules, whatever its type (a type problem is GC3P002).</summary>
    public bool IsPersisted { get; }

    /// <summary>The member's type when it is persisted.</summary>
    public ITypeSymbol? Type { get; }

    /// <summary>Why a persisted member's type cannot be written (<see cref="TypeClassifier.FindProblem(ITypeSymbol)"/>).</summary>
    public string? Problem { get; }

    /// <summary>Whether the generator writes the member: persisted, of a type it can write.</summary>
    public bool IsWritten => IsPersisted && Problem is null;

    /// <summary>The key the member is stored under (<see cref="PersistableRules.KeyOf"/>), when <see cref="IsWritten"/>.</summary>
    public uint Key { get; }
}
