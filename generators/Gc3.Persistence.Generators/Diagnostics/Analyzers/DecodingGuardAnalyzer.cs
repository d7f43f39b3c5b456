namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// The members of a <c>[Persistable]</c> type that the store's decoding guard cannot cover (issue 14 §2, GC3P026):
/// a written member whose value reaches code MemoryPack decodes (a <c>[MemoryPackable]</c> object that is not an
/// unmanaged struct) while its shape holds something the guard's walk cannot read (<see cref="SchemaShapes.GuardGapOf"/>,
/// answered once per member type and compilation by <see cref="MemberTypeFacts.GuardGapOf"/>). Such a member is decoded unchecked, so
/// the user hears which of their members a hostile record could crash a process through.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DecodingGuardAnalyzer() : WrittenMemberAnalyzer(DiagnosticDescriptors.DecodedOutsideGuard)
{
    /// <inheritdoc/>
    private protected override object?[]? ArgumentsFor(Compilation compilation, ITypeSymbol type)
        => MemberTypeFacts.GuardGapOf(compilation, type) is { } gap
            ? [gap.TypeName, gap.Inside is null ? "" : $" (in '{gap.Inside}')", Why(gap)]
            : null;

    private static string Why(GuardGap gap) => gap.Kind switch
    {
        GuardGapKind.VersionTolerant => "MemoryPack decodes in version-tolerant mode",
        GuardGapKind.CircularReference => "MemoryPack decodes in circular-reference mode",
        GuardGapKind.Union => "MemoryPack decodes in union mode ([MemoryPackUnion])",
        GuardGapKind.Generic => "is a generic [MemoryPackable] type, whose bytes the store's schema cannot describe",
        GuardGapKind.RegisteredFormatter => "MemoryPack decodes with a formatter of its own ([MemoryPackable(GenerateType.NoGenerate)])",
        GuardGapKind.Collection => "MemoryPack decodes with its collection formatter ([MemoryPackable(GenerateType.Collection)])",
        GuardGapKind.FormatterAttribute => $"MemoryPack decodes with the custom formatter [{gap.Detail}]",
        _ => "the store's schema names opaque (its bytes cannot be walked without the type)",
    };
}
