namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// What the analyzers need to know about one type, worked out once per compilation and shared by all of
/// them (<see cref="PersistenceSymbols.FactsOf"/>): its <c>[Persistable]</c> attribute, whether the generator
/// supports its kind, and its properties and fields. Members the generator wrote
/// (<see cref="PersistableRules.IsGeneratedMember"/>) are left out: the analyzers run on the compilation with
/// the generated files, as in a build, and judge only what the user declared.
/// </summary>
internal sealed class TypeFacts
{
    private string? _displayName;
    private int _canGenerate; // 0 not known yet, 1 yes, 2 no

    public TypeFacts(INamedTypeSymbol type, PersistenceSymbols symbols)
    {
        Type = type;
        Attribute = symbols.PersistableAttributeOf(type);
        UnsupportedKind = PersistableRules.UnsupportedKind(type);
        var all = type.GetMembers();
        var members = ImmutableArray.CreateBuilder<MemberFacts>(all.Length);
        foreach (var member in all)
        {
            if (member is (IPropertySymbol or IFieldSymbol) && !PersistableRules.IsGeneratedMember(member))
            {
                members.Add(new MemberFacts(member, symbols));
            }
        }

        Members = members.ToImmutable();
    }

    public INamedTypeSymbol Type { get; }

    /// <summary>The <c>[Persistable]</c> attribute declared on the type itself, if any.</summary>
    public AttributeData? Attribute { get; }

    /// <summary><see cref="PersistableRules.UnsupportedKind"/> of the type.</summary>
    public string? UnsupportedKind { get; }

    /// <summary>The properties and fields the user declared, in declaration order.</summary>
    public ImmutableArray<MemberFacts> Members { get; }

    /// <summary>The type as messages name it.</summary>
    public string DisplayName => _displayName ??= Type.ToDisplayString();

    /// <summary>Whether the generator writes a partial for the type (<see cref="PersistableRules.CanGenerate"/>).</summary>
    public bool CanGenerate
    {
        get
        {
            if (_canGenerate == 0)
            {
                _canGenerate = UnsupportedKind is null && PersistableRules.CanGenerate(Type) ? 1 : 2;
            }

            return _canGenerate == 1;
        }
    }
}
