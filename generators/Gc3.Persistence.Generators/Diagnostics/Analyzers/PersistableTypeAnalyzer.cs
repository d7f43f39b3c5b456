namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// The shape of a <c>[Persistable]</c> type itself: a kind of type the generator supports (GC3P004), a
/// constructor a load can call (GC3P003), and no member clashing with the generated <c>PersistentId</c>
/// and <c>Changed</c> (GC3P013). Each check is the generator's own (<see cref="PersistableRules.CanGenerate"/>).
/// Also a partial property the generator leaves out, which would have no implementation (GC3P027).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PersistableTypeAnalyzer() : NamedTypeAnalyzer(
    DiagnosticDescriptors.UnsupportedTypeKind,
    DiagnosticDescriptors.NoParameterlessConstructor,
    DiagnosticDescriptors.GeneratedMemberClash,
    DiagnosticDescriptors.UnimplementedPartial)
{
    /// <inheritdoc/>
    private protected override void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol type, PersistenceSymbols symbols)
    {
        if (symbols.PersistableAttributeOf(type) is not { } attribute)
        {
            return;
        }

        if (PersistableRules.UnsupportedKind(type) is { } reason)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UnsupportedTypeKind,
                PersistenceSymbols.AttributeLocation(attribute, type, context.CancellationToken),
                type.ToDisplayString(),
                reason));
            return; // the other checks assume a class the generator could handle
        }

        if (!PersistableRules.HasCallableConstructor(type))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.NoParameterlessConstructor,
                PersistenceSymbols.IdentifierLocation(type),
                type.ToDisplayString()));
        }

        // A root type gets no generated code at all when it clashes; a derived type would hide the base's members
        // from the generated setters, which set 'this.Changed'.
        var clashing = TypeClassifier.IsPersistable(type.BaseType)
            ? PersistableRules.MembersNamedLikeGenerated(type)
            : PersistableRules.ClashingGeneratedMembers(type);
        foreach (var member in clashing)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.GeneratedMemberClash,
                PersistenceSymbols.IdentifierLocation(member),
                type.ToDisplayString(),
                member.Name));
        }

        // The compiler says only CS9248 ("must have an implementation part") for a partial property nobody implements.
        foreach (var member in type.GetMembers())
        {
            if (member is IPropertySymbol { IsPartialDefinition: true, PartialImplementationPart: null } property
                && PersistableRules.ClassifyMember(property, out _) is var rule and not MemberRule.GeneratedPartialProperty)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnimplementedPartial,
                    PersistenceSymbols.IdentifierLocation(property),
                    type.ToDisplayString(),
                    property.Name,
                    property.SetMethod is null && rule is not (MemberRule.Ignored or MemberRule.Static)
                        ? "it has no set or init accessor, and only a partial property with one is persisted and implemented"
                        : PersistableRules.WhyNotPersisted(rule)));
            }
        }
    }
}
