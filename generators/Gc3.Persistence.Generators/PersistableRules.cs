using System.Collections.Generic;
using System.Linq;
using Gc3.Persistence.Generators.Helpers;
using Microsoft.CodeAnalysis;
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

    /// <summary>Whether the generated serializer can create an instance to load into: any parameterless constructor (a private one too).</summary>
    public static bool HasCallableConstructor(INamedTypeSymbol type)
        => type.IsAbstract || type.InstanceConstructors.Any(c => c.Parameters.Length == 0);

    /// <summary>Members the user declared that clash with the <c>PersistentId</c> and <c>Changed</c> the generator adds to a root type.</summary>
    public static IEnumerable<ISymbol> ClashingGeneratedMembers(INamedTypeSymbol type)
        => TypeClassifier.IsPersistable(type.BaseType)
            ? Enumerable.Empty<ISymbol>()
            : type.GetMembers().Where(m => m.Name is "PersistentId" or "Changed" && !m.IsImplicitlyDeclared && !IsGeneratedMember(m));

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

    /// <summary>A persisted member: a public, writable, non-static property or field that is not ignored.</summary>
    public static bool IsPersistedMember(ISymbol member, out ITypeSymbol type)
    {
        type = null!;
        if (member.IsStatic || member.IsImplicitlyDeclared || member.DeclaredAccessibility != Accessibility.Public)
        {
            return false;
        }

        // The kind before the attributes: most members are accessors and methods, and reading attributes costs more.
        var memberType = member switch
        {
            IPropertySymbol { IsIndexer: false, GetMethod: not null, SetMethod: not null } property => property.Type,
            IFieldSymbol { IsConst: false, IsReadOnly: false, AssociatedSymbol: null } field => field.Type,
            _ => null,
        };
        if (memberType is null || TypeClassifier.HasAttribute(member, KnownTypeNames.PersistIgnoreAttribute))
        {
            return false;
        }

        type = memberType;
        return member is not IPropertySymbol persisted || !IsPersistedByBase(persisted);
    }

    /// <summary>
    /// An override of a property that a <c>[Persistable]</c> base type persists already: the base's code
    /// reads and writes it (through the override), so persisting it again would write its key twice.
    /// </summary>
    private static bool IsPersistedByBase(IPropertySymbol property)
    {
        for (var overridden = property.OverriddenProperty; overridden is not null; overridden = overridden.OverriddenProperty)
        {
            if (TypeClassifier.HasAttribute(overridden.ContainingType, KnownTypeNames.PersistableAttribute)
                && IsPersistedMember(overridden, out _))
            {
                return true;
            }
        }

        return false;
    }

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

    /// <summary>The name of the column a <c>[StoreColumn]</c> declares: its argument, or the member name in lower case.</summary>
    public static string ColumnNameOf(ISymbol member, AttributeData attribute)
        => attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string explicitName
            ? explicitName
            : member.Name.ToLowerInvariant();
}
