using System.Globalization;
using System.Text;

namespace Gc3.Persistence.Generators.Helpers;

/// <summary>
/// Works out, from symbols, the shape strings of the schema contract (<c>string</c>, <c>list&lt;enum&lt;App.State&gt;&gt;</c>,
/// <c>ref&lt;job&gt;</c>, ...) and collects every enum and <c>[MemoryPackable]</c> type they reach, transitively. One
/// instance per schema: the parser's only use of symbols for schemas; the emitter writes the text from the result.
/// </summary>
internal sealed partial class SchemaShapes
{
    private const int MaxDepth = 32;

    // MemoryPack's GenerateType values.
    private const int GenerateObject = 0;
    private const int GenerateVersionTolerant = 1;
    private const int GenerateCircularReference = 2;
    private const int GenerateCollection = 3;
    private const int GenerateNoGenerate = 4;

    // Generic collections by metadata name and the shape kind the contract gives them. All of them are written by
    // MemoryPack as an int32 count (-1: null) followed by the elements (a dictionary: each key, then its value).
    private static readonly Dictionary<string, string> Collections = new(StringComparer.Ordinal)
    {
        ["System.Collections.Generic.List`1"] = "list",
        ["System.Collections.Generic.IList`1"] = "list",
        ["System.Collections.Generic.IReadOnlyList`1"] = "list",
        ["System.Collections.Generic.ICollection`1"] = "list",
        ["System.Collections.Generic.IReadOnlyCollection`1"] = "list",
        ["System.Collections.Generic.IEnumerable`1"] = "list",
        ["System.Collections.Generic.LinkedList`1"] = "list",
        ["System.Collections.Generic.Queue`1"] = "list",
        ["System.Collections.ObjectModel.Collection`1"] = "list",
        ["System.Collections.ObjectModel.ObservableCollection`1"] = "list",
        ["System.Collections.ObjectModel.ReadOnlyCollection`1"] = "list",
        ["System.Collections.Immutable.ImmutableList`1"] = "list",
        ["System.Collections.Immutable.ImmutableArray`1"] = "array",
        ["System.Collections.Generic.HashSet`1"] = "set",
        ["System.Collections.Generic.SortedSet`1"] = "set",
        ["System.Collections.Generic.ISet`1"] = "set",
        ["System.Collections.Generic.IReadOnlySet`1"] = "set",
        ["System.Collections.Immutable.ImmutableHashSet`1"] = "set",
        ["System.Collections.Generic.Dictionary`2"] = "dict",
        ["System.Collections.Generic.SortedDictionary`2"] = "dict",
        ["System.Collections.Generic.IDictionary`2"] = "dict",
        ["System.Collections.Generic.IReadOnlyDictionary`2"] = "dict",
        ["System.Collections.Immutable.ImmutableDictionary`2"] = "dict",
    };

    // Non-primitive scalars and known formatted types, by metadata name.
    private static readonly Dictionary<string, string> NamedScalars = new(StringComparer.Ordinal)
    {
        ["System.Half"] = "float16",
        ["System.Int128"] = "int128",
        ["System.UInt128"] = "uint128",
        ["System.DateTimeOffset"] = "datetimeoffset",
        ["System.TimeSpan"] = "timespan",
        ["System.DateOnly"] = "dateonly",
        ["System.TimeOnly"] = "timeonly",
        ["System.Guid"] = "guid",
        ["System.Numerics.BigInteger"] = "biginteger",
        ["System.Uri"] = "uri",
    };

    private static readonly SymbolDisplayFormat OpaqueNameFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.ExpandNullable);

    // Every type reached so far, by name; null while its own members are being worked out (a cycle stops there).
    private readonly SortedDictionary<string, SchemaTypeSpec?> _types = new(StringComparer.Ordinal);

    // The opaque types that hold enums, by their shape's name: the enums' names.
    private readonly SortedDictionary<string, SortedSet<string>> _opaque = new(StringComparer.Ordinal);

    /// <summary>The enum and <c>[MemoryPackable]</c> types the shapes asked for so far reach, sorted by ordinal name.</summary>
    public EquatableArray<SchemaTypeSpec> Types => _types.Values.Where(t => t is not null).Select(t => t!).ToEquatableArray();

    /// <summary>The opaque types met so far that hold enums (stored by number), with those enums, sorted by ordinal name.</summary>
    public EquatableArray<SchemaOpaqueSpec> OpaqueEnums
        => _opaque.Select(o => new SchemaOpaqueSpec(o.Key, o.Value.ToEquatableArray())).ToEquatableArray();

    /// <summary>The shape string of a member (or element) of <paramref name="type"/>.</summary>
    public string ShapeOf(ITypeSymbol type) => ShapeOf(type, 0);

    /// <summary>A tag or name as it stands inside a shape: <c>%</c>, <c>&lt;</c>, <c>&gt;</c> and <c>,</c> escaped.</summary>
    public static string Escape(string text)
    {
        if (text.IndexOfAny(['%', '<', '>', ',']) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '%' => "%25",
                '<' => "%3C",
                '>' => "%3E",
                ',' => "%2C",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    private string ShapeOf(ITypeSymbol type, int depth)
    {
        if (depth > MaxDepth)
        {
            return Opaque(type);
        }

        if (type is IArrayTypeSymbol array)
        {
            return array.Rank == 1 ? $"array<{ShapeOf(array.ElementType, depth + 1)}>" : Opaque(type);
        }

        if (type is not INamedTypeSymbol named)
        {
            return Opaque(type);
        }

        if (ScalarOf(named) is { } scalar)
        {
            return scalar;
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return $"nullable<{ShapeOf(named.TypeArguments[0], depth + 1)}>";
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            var name = NameOf(named);
            AddEnum(name, named);
            return $"enum<{name}>";
        }

        if (TagOfReferenced(named) is { } tag)
        {
            return $"ref<{Escape(tag)}>";
        }

        if (named.IsGenericType && Collections.TryGetValue(TypeClassifier.MetadataNameOf(named.OriginalDefinition), out var kind))
        {
            var arguments = named.TypeArguments.Select(a => ShapeOf(a, depth + 1));
            return $"{kind}<{string.Join(",", arguments)}>";
        }

        if (ObjectModeOf(named) is { } mode)
        {
            var name = NameOf(named);
            AddObject(name, named, mode, depth);
            return $"object<{name}>";
        }

        return Opaque(type);
    }

    private static string? ScalarOf(INamedTypeSymbol type)
    {
        var scalar = type.SpecialType switch
        {
            SpecialType.System_String => "string",
            SpecialType.System_Boolean => "bool",
            SpecialType.System_Byte => "byte",
            SpecialType.System_SByte => "sbyte",
            SpecialType.System_Int16 => "int16",
            SpecialType.System_UInt16 => "uint16",
            SpecialType.System_Int32 => "int32",
            SpecialType.System_UInt32 => "uint32",
            SpecialType.System_Int64 => "int64",
            SpecialType.System_UInt64 => "uint64",
            SpecialType.System_Single => "float32",
            SpecialType.System_Double => "float64",
            SpecialType.System_Decimal => "decimal",
            SpecialType.System_Char => "char",
            SpecialType.System_DateTime => "datetime",
            _ => null,
        };
        if (scalar is not null || type.ContainingType is not null || type.Arity > 0)
        {
            return scalar;
        }

        return NamedScalars.TryGetValue(TypeClassifier.MetadataNameOf(type), out var named) ? named : null;
    }

    // The tag of a [Persistable] type (its own attribute's, or that of the nearest base that has one).
    private static string? TagOfReferenced(INamedTypeSymbol type)
    {
        // Without the annotation: a tag that is the type's name never ends in '?'.
        for (var current = (INamedTypeSymbol?)type.WithNullableAnnotation(NullableAnnotation.NotAnnotated); current is not null; current = current.BaseType)
        {
            if (TypeClassifier.GetAttribute(current, KnownTypeNames.PersistableAttribute) is { } attribute)
            {
                return PersistableRules.TagOf(current, attribute);
            }
        }

        return null;
    }

    // The mode of a [MemoryPackable] type the contract names as an object; null for the others (written as raw
    // bytes, a collection or by hand: opaque). Generic ones are opaque too: their names would hold type arguments.
    private static string? ObjectModeOf(INamedTypeSymbol type)
    {
        if (type.IsGenericType || TypeClassifier.GetAttribute(type, KnownTypeNames.MemoryPackableAttribute) is not { } attribute)
        {
            return null;
        }

        if (TypeClassifier.HasAttribute(type, KnownTypeNames.MemoryPackUnionAttribute))
        {
            return "union";
        }

        if (type.TypeKind == TypeKind.Struct && type.IsUnmanagedType)
        {
            return null; // MemoryPack copies an unmanaged struct's memory, padding included
        }

        return GenerateTypeOf(attribute) switch
        {
            GenerateObject => "default",
            GenerateVersionTolerant => "versiontolerant",
            GenerateCircularReference => "circular",
            _ => null, // Collection, NoGenerate
        };
    }

    // MemoryPackable(GenerateType generateType = Object, SerializeLayout = Sequential) or MemoryPackable(SerializeLayout).
    private static int GenerateTypeOf(AttributeData attribute)
        => attribute.ConstructorArguments.Length > 0
            && attribute.AttributeConstructor?.Parameters[0].Type.Name == "GenerateType"
            && attribute.ConstructorArguments[0].Value is int value
            ? value
            : GenerateObject;

    private void AddEnum(string name, INamedTypeSymbol type)
    {
        if (_types.ContainsKey(name))
        {
            return;
        }

        var values = new List<SchemaFieldSpec>();
        string? unknown = null;
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol { HasConstantValue: true, IsStatic: true } field)
            {
                values.Add(new SchemaFieldSpec(field.Name, Convert.ToString(field.ConstantValue, CultureInfo.InvariantCulture) ?? "0"));
                if (unknown is null && field.GetAttributes().Any(a => TypeClassifier.HasMetadataName(a.AttributeClass, KnownTypeNames.PersistUnknownEnumValueAttribute)))
                {
                    unknown = field.Name;
                }
            }
        }

        var underlying = type.EnumUnderlyingType is { } u ? ScalarOf(u) ?? "int32" : "int32";
        var flags = type.GetAttributes().Any(a => TypeClassifier.HasMetadataName(a.AttributeClass, "System.FlagsAttribute"));
        _types[name] = new SchemaTypeSpec(name, SchemaTypeKind.Enum, underlying, flags, values.ToEquatableArray(), unknown);
    }

    private void AddObject(string name, INamedTypeSymbol type, string mode, int depth)
    {
        if (_types.ContainsKey(name))
        {
            return;
        }

        _types[name] = null; // a member of its own type (a tree) finds it taken
        var members = new List<SchemaFieldSpec>();
        if (mode != "union")
        {
            foreach (var (member, memberType) in MemoryPackMembersOf(type))
            {
                // A formatter attribute ([Utf8StringFormatter], [BrotliFormatter], ...) writes bytes of its own, not
                // those of the member's type: only their owner can read them.
                var shape = FormatterAttributeOf(member) is null ? ShapeOf(memberType, depth + 1) : Opaque(memberType);
                members.Add(new SchemaFieldSpec(member.Name, shape));
            }
        }

        _types[name] = new SchemaTypeSpec(name, SchemaTypeKind.Object, mode, type.TypeKind == TypeKind.Struct, members.ToEquatableArray());
    }

    /// <summary>
    /// The members MemoryPack's generator serializes, in its order: the instance fields and properties of the type
    /// and its bases (base first, overrides and hidden members once), public or <c>[MemoryPackInclude]</c>, not
    /// <c>[MemoryPackIgnore]</c>, not set-only nor indexers; by <c>[MemoryPackOrder]</c> where given, else in that order.
    /// </summary>
    private static IEnumerable<(ISymbol Member, ITypeSymbol Type)> MemoryPackMembersOf(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (var current = type; current is not null; current = current.BaseType)
        {
            chain.Insert(0, current);
        }

        var all = new List<ISymbol>();
        foreach (var declaring in chain)
        {
            foreach (var member in declaring.GetMembers())
            {
                if (member is (IFieldSymbol or IPropertySymbol) and { IsStatic: false, IsImplicitlyDeclared: false, CanBeReferencedByName: true, IsOverride: false })
                {
                    all.Add(member);
                }
            }
        }

        // A member hiding one of its base's ('new') is serialized once, where the derived one stands.
        var lastByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < all.Count; i++)
        {
            lastByName[all[i].Name] = i;
        }

        var selected = new List<(ISymbol Member, ITypeSymbol Type, int Order)>();
        for (var i = 0; i < all.Count; i++)
        {
            var member = all[i];
            if (lastByName[member.Name] != i || TypeClassifier.HasAttribute(member, KnownTypeNames.MemoryPackIgnoreAttribute))
            {
                continue;
            }

            if (!TypeClassifier.HasAttribute(member, KnownTypeNames.MemoryPackIncludeAttribute) && member.DeclaredAccessibility != Accessibility.Public)
            {
                continue;
            }

            ITypeSymbol memberType;
            if (member is IPropertySymbol property)
            {
                if ((property.GetMethod is null && property.SetMethod is not null) || property.IsIndexer)
                {
                    continue;
                }

                memberType = property.Type;
            }
            else
            {
                memberType = ((IFieldSymbol)member).Type;
            }

            var order = TypeClassifier.GetAttribute(member, KnownTypeNames.MemoryPackOrderAttribute) is { ConstructorArguments.Length: 1 } attribute
                && attribute.ConstructorArguments[0].Value is int explicitOrder
                ? explicitOrder
                : selected.Count;
            selected.Add((member, memberType, order));
        }

        return selected.OrderBy(s => s.Order).Select(s => (s.Member, s.Type));
    }

    // Enums and objects by their CLR full name (Namespace.Outer+Inner).
    private static string NameOf(INamedTypeSymbol type) => Escape(TypeClassifier.MetadataNameOf(type));

    private string Opaque(ITypeSymbol type)
    {
        var name = Escape(type is INamedTypeSymbol { IsGenericType: false } named
            ? TypeClassifier.MetadataNameOf(named)
            : type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(OpaqueNameFormat));
        var enums = new SortedSet<string>(StringComparer.Ordinal);
        CollectEnums(type, enums, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default), 0);
        if (enums.Count > 0)
        {
            _opaque[name] = enums;
        }

        return $"opaque<{name}>";
    }

    // The enums an opaque type's bytes hold by number (MemoryPack writes every enum as its number): its type
    // arguments' and array elements', and the instance fields of structs (an unmanaged struct is copied as memory);
    // not inside [Persistable] types (references) nor classes' members. Each is described in the types table.
    private void CollectEnums(ITypeSymbol type, SortedSet<string> enums, HashSet<ITypeSymbol> seen, int depth)
    {
        if (depth > MaxDepth || !seen.Add(type))
        {
            return;
        }

        if (type is IArrayTypeSymbol array)
        {
            CollectEnums(array.ElementType, enums, seen, depth + 1);
            return;
        }

        if (type is not INamedTypeSymbol named || TagOfReferenced(named) is not null)
        {
            return;
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            var name = NameOf(named);
            AddEnum(name, named);
            enums.Add(name);
            return;
        }

        foreach (var argument in named.TypeArguments)
        {
            CollectEnums(argument, enums, seen, depth + 1);
        }

        if (named.TypeKind == TypeKind.Struct && named.SpecialType == SpecialType.None)
        {
            // A struct from another assembly shows only its public members (its private fields are not imported):
            // its instance properties stand for them.
            var fromMetadata = named.Locations.All(l => l.IsInMetadata);
            foreach (var member in named.GetMembers())
            {
                if (member is IFieldSymbol { IsStatic: false, IsConst: false } field)
                {
                    CollectEnums(field.Type, enums, seen, depth + 1);
                }
                else if (fromMetadata && member is IPropertySymbol { IsStatic: false, IsIndexer: false } property)
                {
                    CollectEnums(property.Type, enums, seen, depth + 1);
                }
            }
        }
    }
}
