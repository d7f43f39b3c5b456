using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Gc3.Persistence.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Gc3.Persistence.Generators.Helpers;

/// <summary>
/// <see cref="SchemaShapes.GuardGapOf"/> of member types, worked out once per compilation: the same few member
/// types recur in type after type, and most (strings, numbers, enums) are answered without a look-up.
/// </summary>
internal static class GuardGaps
{
    // Keyed on the compilation, held weakly: the answers live exactly as long as their compilation.
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<ITypeSymbol, GuardGap?>> Caches = new();

    /// <summary>Where a member of <paramref name="type"/>, a type of <paramref name="compilation"/>, escapes the decoding guard, or <see langword="null"/>.</summary>
    public static GuardGap? Of(Compilation compilation, ITypeSymbol type)
        => type.SpecialType != SpecialType.None || type.TypeKind == TypeKind.Enum
            ? null // strings, numbers, bool, char, DateTime, enums: read by the store or as raw bytes
            : Caches.GetValue(compilation, static _ => new ConcurrentDictionary<ITypeSymbol, GuardGap?>(SymbolEqualityComparer.Default))
                .GetOrAdd(type, static t => SchemaShapes.GuardGapOf(t));
}
