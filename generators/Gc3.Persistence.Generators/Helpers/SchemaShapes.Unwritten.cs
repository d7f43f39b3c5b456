namespace Gc3.Persistence.Generators.Helpers;

/// <summary>
/// State a <c>[MemoryPackable]</c> type holds that MemoryPack's generated code does not write (GC3P029): MemoryPack
/// writes public members and <c>[MemoryPackInclude]</c> ones only, so a private field reads back as its default.
/// </summary>
internal sealed partial class SchemaShapes
{
    /// <summary>
    /// The first <c>[MemoryPackable]</c> type a value of <paramref name="type"/> reaches that declares non-public
    /// state MemoryPack does not write, with those members' names; <see langword="null"/> when there is none.
    /// </summary>
    public static (string Type, string Members)? UnwrittenStateOf(ITypeSymbol type)
        => FindUnwritten(type, 0, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

    private static (string Type, string Members)? FindUnwritten(ITypeSymbol type, int depth, HashSet<ITypeSymbol> visiting)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        if (type is IArrayTypeSymbol array)
        {
            return FindUnwritten(array.ElementType, depth + 1, visiting);
        }

        if (type is not INamedTypeSymbol { SpecialType: SpecialType.None } named || named.TypeKind == TypeKind.Enum
            || TagOfReferenced(named) is not null || !visiting.Add(named))
        {
            return null;
        }

        if (WritesMembers(named))
        {
            var unwritten = UnwrittenMembersOf(named);
            if (unwritten.Count > 0)
            {
                return (named.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(), string.Join(", ", unwritten));
            }

            foreach (var (_, memberType) in MemoryPackMembersOf(named))
            {
                if (FindUnwritten(memberType, depth + 1, visiting) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        // A collection, a nullable, a tuple, a KeyValuePair, ... holds its type arguments' values.
        foreach (var argument in named.TypeArguments)
        {
            if (FindUnwritten(argument, depth + 1, visiting) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    // A [MemoryPackable] type whose members MemoryPack's generator writes one by one: not a union, a collection, a
    // type with a formatter of its own, nor an unmanaged struct (whose memory MemoryPack copies, private fields included).
    private static bool WritesMembers(INamedTypeSymbol type)
        => TypeClassifier.GetAttribute(type.OriginalDefinition, KnownTypeNames.MemoryPackableAttribute) is { } attribute
            && !TypeClassifier.HasAttribute(type.OriginalDefinition, KnownTypeNames.MemoryPackUnionAttribute)
            && !(type.TypeKind == TypeKind.Struct && type.IsUnmanagedType)
            && GenerateTypeOf(attribute) is GenerateObject or GenerateVersionTolerant or GenerateCircularReference;

    // The non-public fields and auto-properties, declared in source by the type and its bases, that MemoryPack
    // leaves out and nothing marks as not state ([MemoryPackIgnore], [NonSerialized]). A field a constructor
    // parameter restores (private readonly decimal _amount; public decimal Amount => _amount; Money(decimal amount))
    // is written through the public member of its name, and is not one of them.
    private static List<string> UnwrittenMembersOf(INamedTypeSymbol type)
    {
        var unwritten = new List<string>();
        for (var current = type.OriginalDefinition; current is { SpecialType: not SpecialType.System_Object }; current = current.BaseType?.OriginalDefinition)
        {
            if (!current.Locations.Any(l => l.IsInSource))
            {
                break;
            }

            foreach (var member in current.GetMembers())
            {
                if (member.IsStatic || member.IsImplicitlyDeclared || member.DeclaredAccessibility == Accessibility.Public
                    || TypeClassifier.HasAttribute(member, KnownTypeNames.MemoryPackIncludeAttribute)
                    || TypeClassifier.HasAttribute(member, KnownTypeNames.MemoryPackIgnoreAttribute))
                {
                    continue;
                }

                var isState = member switch
                {
                    IFieldSymbol field => !field.IsConst && field.AssociatedSymbol is null && !field.IsFixedSizeBuffer
                        && !TypeClassifier.HasAttribute(field, KnownTypeNames.NonSerializedAttribute) && !IsRestoredByConstructor(type, field.Name),
                    IPropertySymbol { IsIndexer: false } property => PersistableRules.BackingFieldOf(property) is { } backing
                        && !TypeClassifier.HasAttribute(backing, KnownTypeNames.NonSerializedAttribute),
                    _ => false,
                };
                if (isState)
                {
                    unwritten.Add(member.Name);
                }
            }
        }

        return unwritten;
    }

    // Whether MemoryPack writes a public member named like the field (without leading '_', any case) and passes it
    // back through a parameter of that name of the constructor it uses ([MemoryPackConstructor], else any).
    private static bool IsRestoredByConstructor(INamedTypeSymbol type, string fieldName)
    {
        var name = fieldName.TrimStart('_');
        if (name.Length == 0 || !MemoryPackMembersOf(type).Any(m => string.Equals(m.Member.Name, name, System.StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var constructors = type.InstanceConstructors;
        var chosen = constructors.Where(c => TypeClassifier.HasAttribute(c, KnownTypeNames.MemoryPackConstructorAttribute)).ToList();
        return (chosen.Count > 0 ? chosen : constructors.ToList())
            .Any(c => c.Parameters.Any(p => string.Equals(p.Name, name, System.StringComparison.OrdinalIgnoreCase)));
    }
}
