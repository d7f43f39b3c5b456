namespace Gc3.Persistence.Generators.Helpers;

/// <summary>
/// Decides, from symbols, whether and how a member type is persisted: shared by the parser (which
/// emits code) and the analyzers (which explain what cannot be persisted), so both always agree.
/// </summary>
internal static class TypeClassifier
{
    // Open generic collection types MemoryPack serializes, by metadata name, with their formatter.
    private static readonly Dictionary<string, string> KnownGenericFormatters = new()
    {
        ["System.Collections.Generic.List`1"] = "ListFormatter",
        ["System.Collections.Generic.Stack`1"] = "StackFormatter",
        ["System.Collections.Generic.Queue`1"] = "QueueFormatter",
        ["System.Collections.Generic.LinkedList`1"] = "LinkedListFormatter",
        ["System.Collections.Generic.HashSet`1"] = "HashSetFormatter",
        ["System.Collections.Generic.SortedSet`1"] = "SortedSetFormatter",
        ["System.Collections.Generic.Dictionary`2"] = "DictionaryFormatter",
        ["System.Collections.Generic.SortedDictionary`2"] = "SortedDictionaryFormatter",
        ["System.Collections.Generic.SortedList`2"] = "SortedListFormatter",
        ["System.Collections.Generic.KeyValuePair`2"] = "KeyValuePairFormatter",
        ["System.Collections.ObjectModel.Collection`1"] = "CollectionFormatter",
        ["System.Collections.ObjectModel.ObservableCollection`1"] = "ObservableCollectionFormatter",
        ["System.Collections.ObjectModel.ReadOnlyCollection`1"] = "ReadOnlyCollectionFormatter",
        ["System.Collections.Concurrent.ConcurrentQueue`1"] = "ConcurrentQueueFormatter",
        ["System.Collections.Concurrent.ConcurrentStack`1"] = "ConcurrentStackFormatter",
        ["System.Collections.Concurrent.ConcurrentBag`1"] = "ConcurrentBagFormatter",
        ["System.Collections.Concurrent.ConcurrentDictionary`2"] = "ConcurrentDictionaryFormatter",
        ["System.Collections.Immutable.ImmutableArray`1"] = "ImmutableArrayFormatter",
        ["System.Collections.Immutable.ImmutableList`1"] = "ImmutableListFormatter",
        ["System.Collections.Immutable.ImmutableHashSet`1"] = "ImmutableHashSetFormatter",
        ["System.Collections.Immutable.ImmutableDictionary`2"] = "ImmutableDictionaryFormatter",
        ["System.Collections.Generic.IEnumerable`1"] = "InterfaceEnumerableFormatter",
        ["System.Collections.Generic.ICollection`1"] = "InterfaceCollectionFormatter",
        ["System.Collections.Generic.IReadOnlyCollection`1"] = "InterfaceReadOnlyCollectionFormatter",
        ["System.Collections.Generic.IList`1"] = "InterfaceListFormatter",
        ["System.Collections.Generic.IReadOnlyList`1"] = "InterfaceReadOnlyListFormatter",
        ["System.Collections.Generic.IDictionary`2"] = "InterfaceDictionaryFormatter",
        ["System.Collections.Generic.IReadOnlyDictionary`2"] = "InterfaceReadOnlyDictionaryFormatter",
        ["System.Collections.Generic.ISet`1"] = "InterfaceSetFormatter",
        ["System.Collections.Generic.IReadOnlySet`1"] = "InterfaceReadOnlySetFormatter",
        ["System.Lazy`1"] = "LazyFormatter",
    };

    // Non-generic types MemoryPack serializes with a formatter of its own.
    private static readonly string[] KnownFormattedTypes =
    {
        "System.Uri", "System.Version", "System.Numerics.BigInteger", "System.Numerics.Complex",
        "System.Text.StringBuilder", "System.Collections.BitArray", "System.Globalization.CultureInfo",
        "System.TimeZoneInfo",
    };

    // Unmanaged structs of the System namespace written as raw bytes; changes to them are visible to a setter.
    private static readonly HashSet<string> KnownScalars = new()
    {
        "Guid", "TimeSpan", "DateTimeOffset", "DateOnly", "TimeOnly", "Half", "Int128", "UInt128",
    };

    /// <summary>Whether <paramref name="type"/> or one of its base types is <c>[Persistable]</c>.</summary>
    public static bool IsPersistable(ITypeSymbol? type)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (HasAttribute(current, KnownTypeNames.PersistableAttribute))
            {
                return true;
            }
        }

        return false;
    }

    public static bool HasAttribute(ISymbol symbol, string metadataName) => GetAttribute(symbol, metadataName) is not null;

    public static AttributeData? GetAttribute(ISymbol symbol, string metadataName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (HasMetadataName(attribute.AttributeClass, metadataName))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="type"/> is the top-level type with this full metadata name (<c>System.Collections.Generic.List`1</c>).
    /// It compares the name and namespace parts in place: the checks run for every member of every type on every
    /// edit, and building display strings to compare (<c>ToDisplayString</c>) was most of the generator's time.
    /// </summary>
    public static bool HasMetadataName(INamedTypeSymbol? type, string fullMetadataName)
    {
        if (type is null || type.ContainingType is not null)
        {
            return false;
        }

        var end = fullMetadataName.Length;
        if (!EndsWithPart(fullMetadataName, ref end, type.MetadataName))
        {
            return false;
        }

        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (end == 0 || fullMetadataName[end - 1] != '.')
            {
                return false;
            }

            end--;
            if (!EndsWithPart(fullMetadataName, ref end, ns.Name))
            {
                return false;
            }
        }

        return end == 0;
    }

    private static bool EndsWithPart(string name, ref int end, string part)
    {
        var start = end - part.Length;
        if (start < 0 || string.CompareOrdinal(name, start, part, 0, part.Length) != 0)
        {
            return false;
        }

        end = start;
        return true;
    }

    /// <summary>A primitive, enum or well-known unmanaged struct: copied as raw bytes, changes seen by a setter.</summary>
    public static bool IsScalar(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Enum)
        {
            return true;
        }

        if (IsIntegral(type.SpecialType)
            || type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_Single
                or SpecialType.System_Double or SpecialType.System_Decimal or SpecialType.System_DateTime)
        {
            return true;
        }

        return type is INamedTypeSymbol { ContainingType: null, Arity: 0 } named
            && named.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true }
            && KnownScalars.Contains(named.Name);
    }

    /// <summary>The integral number types, signed and unsigned, 8 to 64 bits.</summary>
    public static bool IsIntegral(SpecialType type) => type is SpecialType.System_SByte or SpecialType.System_Byte
        or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
        or SpecialType.System_Int64 or SpecialType.System_UInt64;

    /// <summary>How a member of this type is written; call <see cref="FindProblem(ITypeSymbol)"/> first.</summary>
    public static MemberValueKind ValueKindOf(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String)
        {
            return MemberValueKind.String;
        }

        if (IsPersistable(type))
        {
            return MemberValueKind.PersistableReference;
        }

        if (IsScalar(type))
        {
            return MemberValueKind.Unmanaged;
        }

        // MemoryPack's own formatter copies a nullable scalar as raw bytes: written inline, it gives the
        // same bytes without a formatter lookup and a generic virtual call.
        if (IsNullableScalar(type))
        {
            return MemberValueKind.NullableUnmanaged;
        }

        return IsStringCollection(type) ? MemberValueKind.StringCollection : MemberValueKind.Formatted;
    }

    /// <summary>Exactly <c>List&lt;string&gt;</c> or <c>Dictionary&lt;string, string&gt;</c> (any nullability of the strings).</summary>
    public static bool IsStringCollection(ITypeSymbol type)
        => type is INamedTypeSymbol { IsGenericType: true } named
            && named.TypeArguments.All(t => t.SpecialType == SpecialType.System_String)
            && (HasMetadataName(named.OriginalDefinition, "System.Collections.Generic.List`1")
                || HasMetadataName(named.OriginalDefinition, "System.Collections.Generic.Dictionary`2"));

    /// <summary>
    /// Exactly one of the collections that take a comparer (<c>Dictionary</c>, <c>HashSet</c>, <c>SortedSet</c>,
    /// <c>SortedDictionary</c>, <c>SortedList</c>, <c>ConcurrentDictionary</c>, <c>ImmutableDictionary</c>,
    /// <c>ImmutableHashSet</c>): a load keeps the comparer of the member's initial value, which the record does not
    /// hold (<c>ComparerCollections</c> in the runtime).
    /// </summary>
    public static bool HasComparer(ITypeSymbol type)
        => type is INamedTypeSymbol { IsGenericType: true } named
            && (HasMetadataName(named.OriginalDefinition, "System.Collections.Generic.Dictionary`2")
                || HasMetadataName(named.OriginalDefinition, "System.Collections.Generic.HashSet`1")
                || HasMetadataName(named.OriginalDefinition, "System.Collections.Generic.SortedSet`1")
                || HasMetadataName(named.OriginalDefinition, "System.Collections.Generic.SortedDictionary`2")
                || HasMetadataName(named.OriginalDefinition, "System.Collections.Generic.SortedList`2")
                || HasMetadataName(named.OriginalDefinition, "System.Collections.Concurrent.ConcurrentDictionary`2")
                || HasMetadataName(named.OriginalDefinition, "System.Collections.Immutable.ImmutableDictionary`2")
                || HasMetadataName(named.OriginalDefinition, "System.Collections.Immutable.ImmutableHashSet`1"));

    /// <summary>A <see cref="Nullable{T}"/> of a scalar, such as <c>int?</c>.</summary>
    public static bool IsNullableScalar(ITypeSymbol type)
        => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            && IsScalar(nullable.TypeArguments[0]);

    /// <summary>Whether a partial property setter sees every change of a value of this type (immutable values and references).</summary>
    public static bool IsChangeTrackable(ITypeSymbol type)
        => type.SpecialType == SpecialType.System_String || IsScalar(type) || IsNullableScalar(type) || IsPersistable(type) || IsImmutableCollectionOfTrackable(type);

    /// <summary>
    /// Whether a value of this type can hold a persistable object (a reference, or a collection of them). A save
    /// that reaches an unchanged object must still pass through such a member to the objects behind it, whose
    /// changes no setter of this object sees.
    /// </summary>
    public static bool ReachesPersistables(ITypeSymbol type)
        => IsPersistable(type) || (type is INamedTypeSymbol { IsGenericType: true } named && named.TypeArguments.Any(ReachesPersistables));

    // ImmutableArray/List/HashSet/Dictionary of trackable elements: nothing changes them behind the setter's back.
    private static bool IsImmutableCollectionOfTrackable(ITypeSymbol type)
        => type is INamedTypeSymbol { IsGenericType: true } named
            && (HasMetadataName(named.OriginalDefinition, "System.Collections.Immutable.ImmutableArray`1")
                || HasMetadataName(named.OriginalDefinition, "System.Collections.Immutable.ImmutableList`1")
                || HasMetadataName(named.OriginalDefinition, "System.Collections.Immutable.ImmutableHashSet`1")
                || HasMetadataName(named.OriginalDefinition, "System.Collections.Immutable.ImmutableDictionary`2"))
            && named.TypeArguments.All(IsChangeTrackable);

    /// <summary>Why a member of type <paramref name="type"/> cannot be persisted, or <see langword="null"/> when it can.</summary>
    public static string? FindProblem(ITypeSymbol type) => FindProblem(type, depth: 0);

    private static string? FindProblem(ITypeSymbol type, int depth)
    {
        if (depth > 16)
        {
            return "its type is nested too deeply";
        }

        switch (type)
        {
            case ITypeParameterSymbol:
                return $"'{type.Name}' is a generic type parameter, whose real type is unknown when the serializer is generated";
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "pointers cannot be persisted";
            case IDynamicTypeSymbol:
                return "'dynamic' has no type known when the serializer is generated";
            case IArrayTypeSymbol array:
                return array.Rank > 4 ? "arrays of more than 4 dimensions cannot be persisted" : FindProblem(array.ElementType, depth + 1);
            case IErrorTypeSymbol:
                return null; // the compiler reports the missing type itself
        }

        if (type is not INamedTypeSymbol named)
        {
            return $"'{type.ToDisplayString()}' cannot be persisted";
        }

        if (named.SpecialType == SpecialType.System_Object)
        {
            return "'object' can hold anything, so no serializer can be generated for it; use a concrete type, a [Persistable] type or a [MemoryPackable] union";
        }

        if (named.TypeKind == TypeKind.Delegate || named.SpecialType is SpecialType.System_Delegate or SpecialType.System_MulticastDelegate)
        {
            return "delegates (code) cannot be persisted";
        }

        if (named.SpecialType == SpecialType.System_String || IsScalar(named) || IsPersistable(named))
        {
            return null;
        }

        if (HasMetadataName(named, "Gc3.Persistence.Id"))
        {
            return "an Id is not stored as a value: hold the object itself (a member of a [Persistable] type is stored as its ID and loaded through the identity map), or keep the ID's text (Id.ToString(), Id.Parse)";
        }

        if (HasMetadataName(named, "System.Type"))
        {
            return "'System.Type' is not persisted: a type name read back from a record would be resolved by reflection, which a hostile record could abuse and Native AOT cannot guarantee";
        }

        if (named.IsGenericType)
        {
            var metadataName = MetadataNameOf(named.OriginalDefinition);
            if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
                || KnownGenericFormatters.ContainsKey(metadataName)
                || metadataName.StartsWith("System.ValueTuple`", System.StringComparison.Ordinal)
                || metadataName.StartsWith("System.Tuple`", System.StringComparison.Ordinal)
                || HasAttribute(named.OriginalDefinition, KnownTypeNames.MemoryPackableAttribute))
            {
                foreach (var argument in named.TypeArguments)
                {
                    if (FindProblem(argument, depth + 1) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            }
        }

        if (IsKnownFormattedType(named) || HasAttribute(named, KnownTypeNames.MemoryPackableAttribute))
        {
            return null;
        }

        if (named.TypeKind == TypeKind.Struct && named.IsUnmanagedType)
        {
            return null; // MemoryPack copies unmanaged structs as raw bytes
        }

        if (named.TypeKind == TypeKind.Interface || named.IsAbstract)
        {
            return $"'{named.ToDisplayString()}' is {(named.TypeKind == TypeKind.Interface ? "an interface" : "an abstract class")} that is neither [Persistable] nor a [MemoryPackable] union, so the type to create on load is unknown";
        }

        return NoSerializerAdvice(named);
    }

    /// <summary>
    /// Why MemoryPack cannot write <paramref name="type"/> and what can be done: only advice that is possible
    /// (no attribute on a type of another assembly, no <c>[Persistable]</c> on a struct).
    /// </summary>
    private static string NoSerializerAdvice(INamedTypeSymbol type)
    {
        var name = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString();
        if (HasMetadataName(type.OriginalDefinition, "System.ReadOnlyMemory`1") || HasMetadataName(type.OriginalDefinition, "System.Memory`1"))
        {
            return $"MemoryPack has no serializer for '{name}' here; use an array ('{FullNameOf(type.TypeArguments[0])}[]') instead";
        }

        if (type.IsRefLikeType)
        {
            return $"'{name}' is a ref struct, which lives on the stack only and cannot be stored in an object";
        }

        if (!type.Locations.Any(l => l.IsInSource))
        {
            return $"MemoryPack has no serializer for '{name}', a type of the referenced assembly '{type.ContainingAssembly?.Name}' that cannot be marked [MemoryPackable]; store its state in a supported type (or a [MemoryPackable] type of your own) instead";
        }

        return type.TypeKind == TypeKind.Struct
            ? $"MemoryPack has no serializer for '{name}': mark it [MemoryPackable] to store it inside the record (a struct cannot be [Persistable], which needs a class)"
            : $"MemoryPack has no serializer for '{name}': mark it [MemoryPackable] to store it inside the record, or [Persistable] to store it as a record of its own";
    }

    private static string FullNameOf(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);

    private static bool IsKnownFormattedType(INamedTypeSymbol type)
    {
        if (type.Arity > 0)
        {
            return false;
        }

        foreach (var name in KnownFormattedTypes)
        {
            if (HasMetadataName(type, name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The formatters to register so that every generic shape in <paramref name="type"/> works without <c>MakeGenericType</c>.</summary>
    public static void CollectFormatters(ITypeSymbol type, ICollection<FormatterSpec> formatters, bool topLevel = true)
    {
        var typeName = FullName(type);
        switch (type)
        {
            case IArrayTypeSymbol array:
                var element = FullName(array.ElementType);
                Add(formatters, array.Rank switch
                {
                    1 when array.ElementType.IsUnmanagedType => MemoryPackFormatter(typeName, "DangerousUnmanagedArrayFormatter", element),
                    1 => MemoryPackFormatter(typeName, "ArrayFormatter", element),
                    2 => ZeroBasedArrayFormatter(typeName, "TwoDimensionalArrayFormatter", element),
                    3 => ZeroBasedArrayFormatter(typeName, "ThreeDimensionalArrayFormatter", element),
                    _ => ZeroBasedArrayFormatter(typeName, "FourDimensionalArrayFormatter", element),
                });
                CollectFormatters(array.ElementType, formatters, topLevel: false);
                return;
            case INamedTypeSymbol named:
                if (IsPersistable(named))
                {
                    Add(formatters, new FormatterSpec(typeName, FormatterKind.PersistableReference, null, EquatableArray<string>.Empty));
                    return;
                }

                if (named.TypeKind == TypeKind.Enum || (named.TypeKind == TypeKind.Struct && named.IsUnmanagedType && !named.IsGenericType))
                {
                    // Direct members are copied inline; inside a collection MemoryPack asks for a formatter.
                    if (!topLevel && named.SpecialType == SpecialType.None)
                    {
                        Add(formatters, MemoryPackFormatter(typeName, "DangerousUnmanagedFormatter", typeName));
                    }

                    return;
                }

                if (HasAttribute(named.OriginalDefinition, KnownTypeNames.MemoryPackableAttribute))
                {
                    // Its static constructor (written by MemoryPack's generator) registers its formatter, but a load can
                    // need the formatter before anything touched the type; MemoryPack then looks for the registration by
                    // reflection, which fails under Native AOT. The registration runs that constructor instead.
                    Add(formatters, new FormatterSpec(typeName, FormatterKind.SelfRegistering, null, EquatableArray<string>.Empty));

                    return;
                }

                if (!named.IsGenericType)
                {
                    return;
                }

                var arguments = named.TypeArguments.Select(FullName).ToArray();
                var metadataName = MetadataNameOf(named.OriginalDefinition);
                string? formatterName = null;
                if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
                {
                    formatterName = "NullableFormatter";
                }
                else if (KnownGenericFormatters.TryGetValue(metadataName, out var known))
                {
                    formatterName = known;
                }
                else if (metadataName.StartsWith("System.ValueTuple`", System.StringComparison.Ordinal))
                {
                    formatterName = "ValueTupleFormatter";
                }
                else if (metadataName.StartsWith("System.Tuple`", System.StringComparison.Ordinal))
                {
                    formatterName = "TupleFormatter";
                }

                if (formatterName is not null)
                {
                    Add(formatters, MemoryPackFormatter(typeName, formatterName, arguments));
                }

                foreach (var argument in named.TypeArguments)
                {
                    CollectFormatters(argument, formatters, topLevel: false);
                }

                return;
        }
    }

    private static FormatterSpec MemoryPackFormatter(string typeName, string formatterName, params string[] typeArguments)
        => new(typeName, FormatterKind.MemoryPack, formatterName, typeArguments.ToEquatableArray());

    // MemoryPack writes a multidimensional array's lengths, not its lower bounds: the runtime's wrapper refuses other bounds.
    private static FormatterSpec ZeroBasedArrayFormatter(string typeName, string formatterName, string element)
        => new(typeName, FormatterKind.ZeroBasedArray, formatterName, new[] { element }.ToEquatableArray());

    private static void Add(ICollection<FormatterSpec> formatters, FormatterSpec formatter)
    {
        if (!formatters.Contains(formatter))
        {
            formatters.Add(formatter);
        }
    }

    /// <summary>The <c>global::</c>-qualified name of a type, without nullable reference annotations.</summary>
    public static string FullName(ITypeSymbol type)
        => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    public static string MetadataNameOf(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() + "." : "";
        var containing = "";
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing = outer.MetadataName + "+" + containing;
        }

        return ns + containing + type.MetadataName;
    }
}
