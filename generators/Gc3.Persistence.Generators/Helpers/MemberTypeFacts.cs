using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Gc3.Persistence.Generators.Helpers;

/// <summary>
/// What the parser needs to know about one member type, worked out once per compilation: the same few
/// types (<c>string</c>, <c>List&lt;string&gt;</c>, an enum, ...) recur in member after member, and the
/// classification and display names of a type are the costly part of parsing a member.
/// </summary>
internal sealed class MemberTypeFacts
{
    // Keyed on the compilation, held weakly: a cache lives exactly as long as its compilation, so facts
    // never leak from one compilation (one edit) into the next.
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<ITypeSymbol, MemberTypeFacts>> Caches = new();

    // The analyzers ask only whether a type can be persisted, for every member; only generic types are cached
    // (their names are built to be looked up), the others are answered directly.
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<ITypeSymbol, string?>> Problems = new();

    // GC3P026 asks, for every written member, whether the decoding guard covers it; strings, numbers and enums are
    // answered directly, the other types once.
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<ITypeSymbol, GuardGap?>> GuardGaps = new();

    // GC3P029 asks the same for the state of the [MemoryPackable] types a written member reaches.
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<ITypeSymbol, (string Type, string Members)?>> UnwrittenStates = new();

    private MemberTypeFacts(Compilation compilation, ITypeSymbol type)
    {
        Problem = ProblemOf(compilation, type);
        if (Problem is not null)
        {
            return;
        }

        TypeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier));
        NonNullableTypeName = TypeClassifier.FullName(type);
        ValueKind = TypeClassifier.ValueKindOf(type);
        IsChangeTrackable = TypeClassifier.IsChangeTrackable(type);
        ReachesPersistables = IsChangeTrackable && TypeClassifier.ReachesPersistables(type);
        HasComparer = TypeClassifier.HasComparer(type);
        if (ValueKind is MemberValueKind.Formatted or MemberValueKind.StringCollection)
        {
            TypeClassifier.CollectFormatters(type, Formatters);
        }
    }

    /// <summary>Why the type cannot be persisted (<see cref="TypeClassifier.FindProblem(ITypeSymbol)"/>); the other facts are unset then.</summary>
    public string? Problem { get; }

    /// <summary>The <c>global::</c>-qualified name with nullable annotations.</summary>
    public string TypeName { get; } = "";

    /// <summary>The <c>global::</c>-qualified name without nullable annotations.</summary>
    public string NonNullableTypeName { get; } = "";

    public MemberValueKind ValueKind { get; }

    public bool IsChangeTrackable { get; }

    /// <summary>A change-trackable value that can hold persistable objects (<see cref="TypeClassifier.ReachesPersistables"/>).</summary>
    public bool ReachesPersistables { get; }

    /// <summary>A collection whose comparer a load takes from the member's initial value (<see cref="TypeClassifier.HasComparer"/>).</summary>
    public bool HasComparer { get; }

    /// <summary>The formatters the type's shapes need, in the order <see cref="TypeClassifier.CollectFormatters"/> finds them.</summary>
    public List<FormatterSpec> Formatters { get; } = [];

    /// <summary>The facts of <paramref name="type"/>, a type of <paramref name="compilation"/>.</summary>
    public static MemberTypeFacts Of(Compilation compilation, ITypeSymbol type)
        => Caches.GetValue(compilation, static _ => new ConcurrentDictionary<ITypeSymbol, MemberTypeFacts>(SymbolEqualityComparer.IncludeNullability))
            .GetOrAdd(type, t => new MemberTypeFacts(compilation, t));

    /// <summary>Why <paramref name="type"/>, a type of <paramref name="compilation"/>, cannot be persisted (<see cref="TypeClassifier.FindProblem(ITypeSymbol)"/>).</summary>
    public static string? ProblemOf(Compilation compilation, ITypeSymbol type)
        => type is not INamedTypeSymbol { IsGenericType: true }
            ? TypeClassifier.FindProblem(type) // a few checks, cheaper than adding the type to the cache
            : Problems.GetValue(compilation, static _ => new ConcurrentDictionary<ITypeSymbol, string?>(SymbolEqualityComparer.IncludeNullability))
            .GetOrAdd(type, static t => TypeClassifier.FindProblem(t));

    /// <summary>Where a member of <paramref name="type"/>, a type of <paramref name="compilation"/>, escapes the decoding guard (<see cref="SchemaShapes.GuardGapOf"/>), or <see langword="null"/>.</summary>
    public static GuardGap? GuardGapOf(Compilation compilation, ITypeSymbol type)
        => type.SpecialType != SpecialType.None || type.TypeKind == TypeKind.Enum
            ? null // strings, numbers, bool, char, DateTime, enums: read by the store or copied as raw bytes
            : GuardGaps.GetValue(compilation, static _ => new ConcurrentDictionary<ITypeSymbol, GuardGap?>(SymbolEqualityComparer.Default))
                .GetOrAdd(type, static t => SchemaShapes.GuardGapOf(t));

    /// <summary>The first <c>[MemoryPackable]</c> type a member of <paramref name="type"/> reaches with state MemoryPack does not bring back (<see cref="SchemaShapes.UnwrittenStateOf"/>), or <see langword="null"/>.</summary>
    public static (string Type, string Members)? UnwrittenStateOf(Compilation compilation, ITypeSymbol type)
        => type.SpecialType != SpecialType.None || type.TypeKind == TypeKind.Enum
            ? null
            : UnwrittenStates.GetValue(compilation, static _ => new ConcurrentDictionary<ITypeSymbol, (string Type, string Members)?>(SymbolEqualityComparer.Default))
                .GetOrAdd(type, static t => SchemaShapes.UnwrittenStateOf(t));
}
