using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gc3.Persistence.Generators;

/// <summary>
/// The rules the generator's parser and the analyzers share: which types and members the generator handles,
/// and the tags, keys and names it gives them. One place, so an analyzer reports exactly what the generator skips.
/// </summary>
internal static class PersistableRules
{
    /// <summary>The type tag of a <c>[Persistable]</c> type: the attribute's argument, or the type's full name.</summary>
    public static string TagOf(INamedTypeSymbol type, AttributeData attribute)
        => attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string explicitTag
            ? explicitTag
            : type.ToDisplayString();

    /// <summary>The ID prefix of a <c>[Persistable]</c> type: its <c>IdPrefix</c>, or the type's name.</summary>
    public static string IdPrefixOf(INamedTypeSymbol type, AttributeData attribute)
        => attribute.NamedArguments.FirstOrDefault(a => a.Key == "IdPrefix").Value.Value as string ?? type.Name;

    /// <summary>Whether the generator can write a partial for <paramref name="type"/> (the analyzers explain when not).</summary>
    public static bool CanGenerate(INamedTypeSymbol type)
        => UnsupportedKind(type) is null
           && !NonPartialTypes(type).Any()
           && HasCallableConstructor(type)
           && !ClashingGeneratedMembers(type).Any();

    /// <summary>Why <paramref name="type"/> is not a kind of type the generator supports, or <see langword="null"/> when it is.</summary>
    public static string? UnsupportedKind(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class)
        {
            return type.IsRecord && type.TypeKind == TypeKind.Struct ? "it is a record struct; persistable objects are referenced by ID, so they must be classes"
                : type.TypeKind == TypeKind.Struct ? "it is a struct; persistable objects are referenced by ID, so they must be classes"
                : $"it is {(type.TypeKind == TypeKind.Interface ? "an interface" : "not a class")}";
        }

        if (type.IsStatic)
        {
            return "it is a static class, which has no instances to persist";
        }

        if (type.Arity > 0)
        {
            return "it is a generic type definition; declare a non-generic class deriving from a closed generic base instead";
        }

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.Arity > 0)
            {
                return $"it is nested in the generic type '{outer.ToDisplayString()}'";
            }
        }

        return null;
    }

    /// <summary><paramref name="type"/> and the types containing it that are not declared <c>partial</c>.</summary>
    public static IEnumerable<INamedTypeSymbol> NonPartialTypes(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (!IsPartial(current))
            {
                yield return current;
            }
        }
    }

    /// <summary>
    /// Whether the generated serializer can create an instance to load into: any parameterless constructor (a private one
    /// too), or a primary constructor (then the instance is created without running a constructor and every persisted
    /// member, the primary constructor's state included, is read into it).
    /// </summary>
    public static bool HasCallableConstructor(INamedTypeSymbol type)
    {
        if (type.IsAbstract)
        {
            return true;
        }

        // One walk of the constructors (each call of InstanceConstructors builds a new array).
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.Length == 0 || IsPrimaryConstructor(constructor))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Members the user declared that clash with the <c>PersistentId</c> and <c>Changed</c> the generator adds to a root type,
    /// and the type itself when it has one of those names.
    /// </summary>
    public static IEnumerable<ISymbol> ClashingGeneratedMembers(INamedTypeSymbol type)
    {
        if (TypeClassifier.IsPersistable(type.BaseType))
        {
            return Enumerable.Empty<ISymbol>();
        }

        // A class named like a member it would get cannot have it (CS0542, reported in the generated file).
        var members = MembersNamedLikeGenerated(type);
        return IsGeneratedMemberName(type.Name) ? members.Prepend(type) : members;
    }

    /// <summary>The members the user declared in <paramref name="type"/> under the name of one the generator adds to a root type.</summary>
    public static IEnumerable<ISymbol> MembersNamedLikeGenerated(INamedTypeSymbol type)
        => type.GetMembers().Where(m => IsGeneratedMemberName(m.Name) && !m.IsImplicitlyDeclared && !IsGeneratedMember(m));

    private static bool IsGeneratedMemberName(string name) => name is "PersistentId" or "Changed";

    /// <summary>The end of the hint name of every type's generated file (the registration file has its own name).</summary>
    public const string GeneratedTypeFileSuffix = ".Persistable.g.cs";

    /// <summary>
    /// Whether this generator wrote <paramref name="member"/>: every declaration of it is in one of its files.
    /// The analyzers run on the compilation with the generated files (as in a build and the IDE), where the
    /// generated <c>PersistentId</c>, <c>Changed</c>, backing fields and partial property implementations are
    /// members of the type like any other; the generator itself never sees them.
    /// </summary>
    public static bool IsGeneratedMember(ISymbol member)
    {
        var locations = member.Locations;
        if (locations.Length == 0)
        {
            return false;
        }

        foreach (var location in locations)
        {
            if (location.SourceTree?.FilePath is not { } path || !path.EndsWith(GeneratedTypeFileSuffix, System.StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsPartial(INamedTypeSymbol type)
        => type.DeclaringSyntaxReferences.Length > 0
           && type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is TypeDeclarationSyntax declaration
               && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    /// <summary>
    /// A persisted member: an instance field or an auto-property (a property with storage of its own, a
    /// generated <c>partial</c> one included) of any accessibility that is not left out; see <see cref="ClassifyMember"/>.
    /// </summary>
    public static bool IsPersistedMember(ISymbol member, out ITypeSymbol type)
    {
        var rule = ClassifyMember(member, out type);
        return rule is MemberRule.Field or MemberRule.ReadOnlyField or MemberRule.AutoProperty or MemberRule.GetOnlyAutoProperty or MemberRule.GeneratedPartialProperty;
    }

    /// <summary>
    /// Which rule of <see cref="MemberRules"/> decides whether <paramref name="member"/> is persisted;
    /// <paramref name="type"/> is the member's type when it is persisted. Members that are not state at all
    /// (methods, events, nested types, the compiler's own backing fields) are <see cref="MemberRule.NotState"/>.
    /// </summary>
    public static MemberRule ClassifyMember(ISymbol member, out ITypeSymbol type)
    {
        type = null!;
        if (member.IsImplicitlyDeclared && !IsPositionalRecordProperty(member))
        {
            return MemberRule.NotState; // accessors, backing fields (persisted through their property), EqualityContract, ...
        }

        // The kind before the attributes: most members are accessors and methods, and reading attributes costs more.
        ITypeSymbol memberType;
        switch (member)
        {
            case IFieldSymbol field:
                if (field.IsConst)
                {
                    return MemberRule.Const;
                }

                if (field.IsStatic)
                {
                    return MemberRule.Static;
                }

                if (field.AssociatedSymbol is not null || field.IsFixedSizeBuffer)
                {
                    return MemberRule.NotState;
                }

                memberType = field.Type;
                break;
            case IPropertySymbol { IsIndexer: false } property:
                if (property.IsStatic)
                {
                    return MemberRule.Static;
                }

                if (property.GetMethod is null)
                {
                    return MemberRule.Computed; // set-only: nothing to read back
                }

                memberType = property.Type;
                break;
            default:
                return MemberRule.NotState;
        }

        if (IsGeneratedMember(member))
        {
            return MemberRule.NotState; // PersistentId, Changed, the fields behind partial properties: the generator's own
        }

        if (TypeClassifier.HasAttribute(member, KnownTypeNames.PersistIgnoreAttribute))
        {
            return MemberRule.Ignored;
        }

        if (member is IFieldSymbol nonSerializedCandidate)
        {
            if (TypeClassifier.HasAttribute(nonSerializedCandidate, KnownTypeNames.NonSerializedAttribute))
            {
                return MemberRule.NonSerialized;
            }

            type = memberType;
            return nonSerializedCandidate.IsReadOnly ? MemberRule.ReadOnlyField : MemberRule.Field;
        }

        var persisted = (IPropertySymbol)member;
        if (IsGeneratedPartial(persisted))
        {
            type = memberType;
            return MemberRule.GeneratedPartialProperty;
        }

        var backingField = BackingFieldOf(persisted);
        if (backingField is null && !(persisted.Locations.Any(l => l.IsInMetadata) && persisted.SetMethod is not null))
        {
            return MemberRule.Computed; // no storage of its own (a property of a referenced assembly with a setter counts as stored)
        }

        if (backingField is not null && TypeClassifier.HasAttribute(backingField, KnownTypeNames.NonSerializedAttribute))
        {
            return MemberRule.NonSerialized; // [field: NonSerialized]
        }

        if (IsPersistedByBase(persisted))
        {
            return MemberRule.PersistedByBase;
        }

        type = memberType;
        return persisted.SetMethod is null ? MemberRule.GetOnlyAutoProperty : MemberRule.AutoProperty;
    }

    /// <summary>Why a member the rule <paramref name="rule"/> leaves out is not persisted, for a diagnostic's message.</summary>
    public static string WhyNotPersisted(MemberRule rule) => rule switch
    {
        MemberRule.Static => "the member is static, so it is not persisted",
        MemberRule.Const => "the member is a constant, so it is not persisted",
        MemberRule.Ignored => "the member is marked [PersistIgnore]",
        MemberRule.NonSerialized => "the member is marked [NonSerialized], so it is not persisted",
        MemberRule.Computed => "the member has no storage of its own (a computed property), so it is not persisted",
        MemberRule.PersistedByBase => "the member overrides a property its [Persistable] base persists, under the base's key",
        _ => "the member is not persisted",
    };

    /// <summary>The compiler's backing field of an auto-property (or of a property using <c>field</c>), or <see langword="null"/>.</summary>
    public static IFieldSymbol? BackingFieldOf(IPropertySymbol property)
    {
        // The C# compiler's name for it first: a lookup by name, where a walk of every member builds the member array.
        foreach (var candidate in property.ContainingType.GetMembers("<" + property.Name + ">k__BackingField"))
        {
            if (candidate is IFieldSymbol { IsImplicitlyDeclared: true } field
                && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
            {
                return field;
            }
        }

        foreach (var candidate in property.ContainingType.GetMembers())
        {
            if (candidate is IFieldSymbol { IsImplicitlyDeclared: true } field
                && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
            {
                return field;
            }
        }

        return null;
    }

    // A positional record's properties are implicitly declared, but they are the record's state.
    private static bool IsPositionalRecordProperty(ISymbol member)
        => member is IPropertySymbol { IsStatic: false, ContainingType.IsRecord: true } property
           && property.Name != "EqualityContract"
           && PrimaryConstructorOf(property.ContainingType) is { } constructor
           && constructor.Parameters.Any(p => p.Name == property.Name);

    /// <summary>The primary constructor of a class or record (<c>class Job(string name)</c>), or <see langword="null"/>.</summary>
    public static IMethodSymbol? PrimaryConstructorOf(INamedTypeSymbol type)
    {
        foreach (var constructor in type.InstanceConstructors)
        {
            if (IsPrimaryConstructor(constructor))
            {
                return constructor;
            }
        }

        return null;
    }

    // A primary constructor is declared by the type declaration itself.
    private static bool IsPrimaryConstructor(IMethodSymbol constructor)
    {
        if (constructor.Parameters.Length == 0)
        {
            return false;
        }

        var declarations = constructor.DeclaringSyntaxReferences;
        return declarations.Length == 1 && declarations[0].GetSyntax() is TypeDeclarationSyntax;
    }

    /// <summary>
    /// An override of a property that a <c>[Persistable]</c> base type persists already: the base's code
    /// reads and writes it (through the override), so persisting it again would write its key twice.
    /// </summary>
    private static bool IsPersistedByBase(IPropertySymbol property)
    {
        for (var overridden = property.OverriddenProperty; overridden is not null; overridden = overridden.OverriddenProperty)
        {
            // A get-only auto-property is persisted through its own backing field, not the (overridden) accessors.
            if (TypeClassifier.HasAttribute(overridden.ContainingType, KnownTypeNames.PersistableAttribute)
                && ClassifyMember(overridden, out _) is MemberRule.AutoProperty or MemberRule.GeneratedPartialProperty)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Every rule of <see cref="ClassifyMember"/> that concerns state, in the order of the README's "What is persisted"
    /// table (a test checks that the table says exactly this).
    /// </summary>
    public static IReadOnlyList<MemberRuleRow> MemberRules { get; } =
    [
        new(MemberRule.AutoProperty, "Auto-property with a setter (`{ get; set; }`, `{ get; init; }`, `{ get; private set; }`), any accessibility", true, "its backing field is its state; written through its accessors"),
        new(MemberRule.GetOnlyAutoProperty, "Get-only auto-property (`{ get; }`), positional record property", true, "state set in a constructor is state; read back into its backing field"),
        new(MemberRule.GeneratedPartialProperty, "`partial` property (the generator implements it)", true, "change-tracked: its setter marks the object `Changed`"),
        new(MemberRule.Field, "Instance field, any accessibility (`private`, `protected`, `internal`, `public`)", true, "the generated code is inside the class and reaches private state"),
        new(MemberRule.ReadOnlyField, "`readonly` instance field (such as the field behind a computed property)", true, "state set in a constructor is state; assigned on load past `readonly`"),
        new(MemberRule.Computed, "Property with accessor bodies and no backing field (`=> _items`)", false, "no storage of its own: the fields it reads are persisted"),
        new(MemberRule.Static, "`static` field or property", false, "belongs to the type, not to the object"),
        new(MemberRule.Const, "`const` field", false, "part of the code, not of the object"),
        new(MemberRule.Ignored, "Member marked `[PersistIgnore]`", false, "left out on request; it is `default` after a load"),
        new(MemberRule.NonSerialized, "Field marked `[NonSerialized]` (`[field: NonSerialized]` on an auto-property)", false, "the standard .NET marker for state not to serialize; `default` after a load"),
        new(MemberRule.PersistedByBase, "Override of a property a `[Persistable]` base persists", false, "the base's code persists it (once, through the override)"),
    ];

    /// <summary>The key a persisted member is stored under.</summary>
    public static uint KeyOf(ISymbol member)
    {
        if (TypeClassifier.GetAttribute(member, KnownTypeNames.PersistOrderAttribute) is { ConstructorArguments.Length: 1 } order
            && order.ConstructorArguments[0].Value is int pinned && pinned >= 0)
        {
            return MemberKeys.FromOrder(pinned);
        }

        var name = TypeClassifier.GetAttribute(member, KnownTypeNames.PersistNameAttribute) is { ConstructorArguments.Length: 1 } rename
            && rename.ConstructorArguments[0].Value is string stored && stored.Length > 0
            ? stored
            : member.Name;
        return MemberKeys.FromName(name);
    }

    /// <summary>
    /// Whether the generator implements this property: a partial definition nobody implemented yet, or (in a
    /// compilation with the generated files) one whose implementation the generator wrote.
    /// </summary>
    public static bool IsGeneratedPartial(ISymbol member)
        => member is IPropertySymbol { IsPartialDefinition: true, SetMethod: not null } property
           && (property.PartialImplementationPart is null || IsGeneratedMember(property.PartialImplementationPart));

    /// <summary>The prefix of the field behind a generated partial property (<c>__gc3_Name</c>).</summary>
    public const string GeneratedBackingFieldPrefix = "__gc3_";

    /// <summary>The name of the column a <c>[StoreColumn]</c> declares: its argument, or the member name in lower case.</summary>
    public static string ColumnNameOf(ISymbol member, AttributeData attribute)
        => attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string explicitName
            ? explicitName
            : member.Name.ToLowerInvariant();
}
