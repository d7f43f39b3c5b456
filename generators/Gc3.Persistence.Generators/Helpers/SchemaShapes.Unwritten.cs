namespace Gc3.Persistence.Generators.Helpers;

/// <summary>
/// State a <c>[MemoryPackable]</c> type holds that MemoryPack's generated code does not bring back (GC3P029): MemoryPack
/// writes public members and <c>[MemoryPackInclude]</c> ones only, so a private field reads back as its default, and
/// it sets a get-only one only through a parameter of the constructor it calls; its object mode writes no elements of
/// a collection class the type derives from, and its collection mode nothing but the elements.
/// </summary>
internal sealed partial class SchemaShapes
{
    /// <summary>
    /// The first <c>[MemoryPackable]</c> type a value of <paramref name="type"/> reaches that declares state MemoryPack
    /// does not bring back, with those members (each with why and what to do); <see langword="null"/> when there is none.
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

        if (IsCollectionMode(named) && CollectionOwnMembersOf(named) is { Count: > 0 } own)
        {
            return (named.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(), string.Join(", ", own));
        }

        if (WritesMembers(named))
        {
            var unwritten = UnwrittenMembersOf(named);
            if (DerivesFromCollection(named))
            {
                unwritten.Insert(0, "its elements (MemoryPack writes an object's members, not the elements of the collection class it derives from: hold the collection in a public member)");
            }

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

    private static bool IsCollectionMode(INamedTypeSymbol type)
        => TypeClassifier.GetAttribute(type.OriginalDefinition, KnownTypeNames.MemoryPackableAttribute) is { } attribute
            && GenerateTypeOf(attribute) == GenerateCollection;

    // A base class of another assembly that is a collection (List<T>, Dictionary<TKey, TValue>, ...): its elements
    // are in fields MemoryPack's object mode never writes.
    private static bool DerivesFromCollection(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is { SpecialType: not SpecialType.System_Object }; current = current.BaseType)
        {
            if (!current.Locations.Any(l => l.IsInSource))
            {
                return current.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable);
            }
        }

        return false;
    }

    // The fields and auto-properties a [MemoryPackable(GenerateType.Collection)] type declares itself: MemoryPack's
    // collection formatter writes the elements only.
    private static List<string> CollectionOwnMembersOf(INamedTypeSymbol type)
    {
        var own = new List<string>();
        foreach (var member in type.OriginalDefinition.GetMembers())
        {
            var isState = !member.IsStatic && !member.IsImplicitlyDeclared && !TypeClassifier.HasAttribute(member, KnownTypeNames.MemoryPackIgnoreAttribute) && member switch
            {
                IFieldSymbol field => !field.IsConst && field.AssociatedSymbol is null && !TypeClassifier.HasAttribute(field, KnownTypeNames.NonSerializedAttribute),
                IPropertySymbol { IsIndexer: false } property => PersistableRules.BackingFieldOf(property) is not null,
                _ => false,
            };
            if (isState)
            {
                own.Add($"{member.Name} (MemoryPack's collection mode writes the elements only: hold it in a type that has the collection as a member)");
            }
        }

        return own;
    }

    // The state declared in source by the type and its bases that MemoryPack does not bring back and nothing marks
    // as not state ([MemoryPackIgnore], [NonSerialized]), each with why and what to do: non-public fields and
    // auto-properties, which it leaves out (a field a constructor parameter restores, private readonly decimal
    // _amount; public decimal Amount => _amount; Money(decimal amount), is not one of them); public get-only
    // auto-properties and readonly fields, which it writes but cannot set unless the constructor it calls takes them.
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
                if (member.IsStatic || member.IsImplicitlyDeclared || member is not (IFieldSymbol or IPropertySymbol { IsIndexer: false })
                    || TypeClassifier.HasAttribute(member, KnownTypeNames.MemoryPackIgnoreAttribute))
                {
                    continue;
                }

                var (isState, readOnly) = member switch
                {
                    IFieldSymbol field => (!field.IsConst && field.AssociatedSymbol is null && !field.IsFixedSizeBuffer
                        && !TypeClassifier.HasAttribute(field, KnownTypeNames.NonSerializedAttribute), field.IsReadOnly),
                    IPropertySymbol property => (PersistableRules.BackingFieldOf(property) is { } backing
                        && !TypeClassifier.HasAttribute(backing, KnownTypeNames.NonSerializedAttribute), property.SetMethod is null),
                    _ => (false, false),
                };
                if (!isState)
                {
                    continue;
                }

                var written = member.DeclaredAccessibility == Accessibility.Public || TypeClassifier.HasAttribute(member, KnownTypeNames.MemoryPackIncludeAttribute);
                if (!written && !IsRestoredByConstructor(type, member.Name, written: false))
                {
                    unwritten.Add($"{member.Name} (not public: mark it [MemoryPackInclude], or [MemoryPackIgnore] if it is not state)");
                }
                else if (written && readOnly && member is IPropertySymbol && !IsRestoredByConstructor(type, member.Name, written: true))
                {
                    // (A readonly field the constructor does not take is MemoryPack's own error, MEMPACK037.)
                    unwritten.Add($"{member.Name} (get-only, and the constructor MemoryPack calls has no parameter '{ParameterName(member.Name)}': add one, or give it an init accessor)");
                }
            }
        }

        return unwritten;
    }

    private static string ParameterName(string memberName)
    {
        var name = memberName.TrimStart('_');
        return name.Length == 0 ? memberName : char.ToLowerInvariant(name[0]) + name.Substring(1);
    }

    // Whether a parameter of the constructor MemoryPack calls ([MemoryPackConstructor], else its only one) is named like
    // the member (without leading '_', any case): MemoryPack passes the member's written value to it. A member it does
    // not write itself is passed through a public member of that name that it writes.
    private static bool IsRestoredByConstructor(INamedTypeSymbol type, string memberName, bool written)
    {
        var name = memberName.TrimStart('_');
        if (name.Length == 0
            || (!written && !MemoryPackMembersOf(type).Any(m => string.Equals(m.Member.Name, name, System.StringComparison.OrdinalIgnoreCase))))
        {
            return false;
        }

        var constructors = type.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared || c.Parameters.Length == 0).ToList();
        var chosen = constructors.Where(c => TypeClassifier.HasAttribute(c, KnownTypeNames.MemoryPackConstructorAttribute)).ToList();
        return (chosen.Count > 0 ? chosen : constructors)
            .Any(c => c.Parameters.Any(p => string.Equals(p.Name, name, System.StringComparison.OrdinalIgnoreCase)));
    }
}
