namespace Gc3.Persistence.Generators.Helpers;

/// <summary>
/// Which members the store's decoding guard cannot cover (GC3P026), worked out with the same decisions as the
/// shapes themselves: what is a scalar, a collection, a reference, an object of which mode, an opaque type.
/// </summary>
internal sealed partial class SchemaShapes
{
    private const string CustomFormatterAttribute1 = "MemoryPack.MemoryPackCustomFormatterAttribute`1";
    private const string CustomFormatterAttribute2 = "MemoryPack.MemoryPackCustomFormatterAttribute`2";

    /// <summary>
    /// Where a member of <paramref name="type"/> reaches code MemoryPack decodes that the store's decoding guard does
    /// not walk first, or <see langword="null"/> when it reaches none or the guard walks all of it. The runtime
    /// (<c>NestingGuard</c>) walks a member whose shape reaches a <c>[MemoryPackable]</c> object that is not an
    /// unmanaged struct, and only when the walker can read the whole shape: no opaque type anywhere in it (an
    /// unmanaged struct inside an object stops the walk of that object too), no object of another mode than
    /// MemoryPack's default. The gap reported is the first that MemoryPack decodes itself (a mode, a generic type,
    /// a formatter) if there is one, else the first opaque type that stops the walk.
    /// </summary>
    public static GuardGap? GuardGapOf(ITypeSymbol type)
    {
        GuardGap? decoded = null;
        GuardGap? opaque = null;
        var holdsObjects = Reach(type, null, 0, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default), ref decoded, ref opaque);
        return decoded ?? (holdsObjects ? opaque : null);
    }

    // Whether a value of the type holds something MemoryPack's generated or own code decodes (not raw bytes of a
    // fixed size, not a string, scalar or reference the store reads itself); records the gaps met on the way.
    private static bool Reach(ITypeSymbol type, ISymbol? inside, int depth, HashSet<ITypeSymbol> visiting, ref GuardGap? decoded, ref GuardGap? opaque)
    {
        if (depth > MaxDepth)
        {
            opaque ??= Gap(type, GuardGapKind.Opaque, inside);
            return !type.IsUnmanagedType;
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1)
            {
                opaque ??= Gap(type, GuardGapKind.Opaque, inside);
            }

            return Reach(array.ElementType, inside, depth + 1, visiting, ref decoded, ref opaque);
        }

        if (type is not INamedTypeSymbol named || named.TypeKind == TypeKind.Enum || ScalarOf(named) is not null || TagOfReferenced(named) is not null)
        {
            return false;
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return Reach(named.TypeArguments[0], inside, depth + 1, visiting, ref decoded, ref opaque);
        }

        if (named.IsGenericType && Collections.ContainsKey(TypeClassifier.MetadataNameOf(named.OriginalDefinition)))
        {
            return ReachArguments(named, inside, depth, visiting, ref decoded, ref opaque);
        }

        switch (ObjectModeOf(named))
        {
            case "default":
                if (visiting.Add(named))
                {
                    foreach (var (member, memberType) in MemoryPackMembersOf(named))
                    {
                        if (FormatterAttributeOf(member) is { } formatter)
                        {
                            decoded ??= Gap(memberType, GuardGapKind.FormatterAttribute, member, formatter);
                        }
                        else
                        {
                            Reach(memberType, member, depth + 1, visiting, ref decoded, ref opaque);
                        }
                    }
                }

                return true;
            case "versiontolerant":
                decoded ??= Gap(named, GuardGapKind.VersionTolerant, inside);
                return true;
            case "circular":
                decoded ??= Gap(named, GuardGapKind.CircularReference, inside);
                return true;
            case "union":
                decoded ??= Gap(named, GuardGapKind.Union, inside);
                return true;
        }

        // Opaque from here on: the walker cannot read it, so it stops the walk of whatever holds it.
        if (TypeClassifier.GetAttribute(named.OriginalDefinition, KnownTypeNames.MemoryPackableAttribute) is { } packable)
        {
            var kind = GenerateTypeOf(packable) switch
            {
                GenerateNoGenerate => GuardGapKind.RegisteredFormatter,
                GenerateCollection => GuardGapKind.Collection,
                _ => GuardGapKind.Generic,
            };

            // MemoryPack copies an unmanaged struct (generic or not) as raw memory; a formatter of one's own may do anything.
            if (kind == GuardGapKind.Generic && named.IsUnmanagedType)
            {
                opaque ??= Gap(named, GuardGapKind.Opaque, inside);
                return false;
            }

            decoded ??= Gap(named, kind, inside);
            return true;
        }

        opaque ??= Gap(named, GuardGapKind.Opaque, inside);

        // A tuple, KeyValuePair, Lazy, Stack, ... decodes its type arguments with their formatters: strings with the
        // store's checked one, objects with MemoryPack's generated code.
        return !named.IsUnmanagedType && ReachArguments(named, inside, depth, visiting, ref decoded, ref opaque);
    }

    private static bool ReachArguments(INamedTypeSymbol type, ISymbol? inside, int depth, HashSet<ITypeSymbol> visiting, ref GuardGap? decoded, ref GuardGap? opaque)
    {
        var holdsObjects = false;
        foreach (var argument in type.TypeArguments)
        {
            holdsObjects |= Reach(argument, inside, depth + 1, visiting, ref decoded, ref opaque);
        }

        return holdsObjects;
    }

    // The name of a MemoryPackCustomFormatterAttribute on a member ([BrotliFormatter] gives "BrotliFormatter"), if any.
    private static string? FormatterAttributeOf(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            for (var current = attribute.AttributeClass?.BaseType; current is not null; current = current.BaseType)
            {
                if (TypeClassifier.HasMetadataName(current.OriginalDefinition, CustomFormatterAttribute1)
                    || TypeClassifier.HasMetadataName(current.OriginalDefinition, CustomFormatterAttribute2))
                {
                    var name = attribute.AttributeClass!.Name;
                    return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
                }
            }
        }

        return null;
    }

    private static GuardGap Gap(ITypeSymbol type, GuardGapKind kind, ISymbol? inside, string? detail = null)
        => new(
            type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(),
            kind,
            inside is null ? null : inside.ContainingType.ToDisplayString() + "." + inside.Name,
            detail);
}
