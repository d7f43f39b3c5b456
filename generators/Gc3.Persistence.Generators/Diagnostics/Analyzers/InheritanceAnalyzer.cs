using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// Class hierarchies: <c>[Persistable]</c> is not inherited, so a class derived from a persistable type
/// must be marked too (GC3P015), and members inherited from a base class that is not persistable are
/// not persisted (GC3P016).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InheritanceAnalyzer() : NamedTypeAnalyzer(
    DiagnosticDescriptors.DerivedTypeNotPersistable,
    DiagnosticDescriptors.BaseMembersNotPersisted)
{
    /// <inheritdoc/>
    private protected override void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol type, PersistenceSymbols symbols)
    {
        if (type.TypeKind != TypeKind.Class || type.BaseType is not { } baseType)
        {
            return;
        }

        if (symbols.PersistableAttributeOf(type) is null)
        {
            if (NearestPersistableBase(baseType, symbols) is { } persistableBase)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DerivedTypeNotPersistable,
                    PersistenceSymbols.IdentifierLocation(type),
                    type.ToDisplayString(),
                    persistableBase.ToDisplayString()));
            }

            return;
        }

        if (TypeClassifier.IsPersistable(baseType) || PersistableRules.UnsupportedKind(type) is not null)
        {
            return;
        }

        var lost = new List<string>();
        var elements = false;
        for (var current = baseType; current is { SpecialType: not SpecialType.System_Object }; current = current.BaseType)
        {
            // A collection class of another assembly keeps its elements in fields no generated code reaches (a
            // HashSet subclass loaded empty without a word): they are named first. One of this compilation lists its fields.
            var ofThisCompilation = current.Locations.Any(l => l.IsInSource);
            if (!ofThisCompilation && !elements && IsCollection(current))
            {
                elements = true;
                lost.Insert(0, "its elements");
            }

            foreach (var member in current.GetMembers())
            {
                // Not indexers (an explicit interface one of another assembly, 'IList.Item', is no indexer to Roslyn),
                // nor the private fields of another assembly's class, which its reference assembly does not even list.
                if (PersistableRules.IsPersistedMember(member, out _) && !IsOverriddenIn(type, member)
                    && member is not IPropertySymbol { Parameters.Length: > 0 }
                    && (ofThisCompilation || member.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
                {
                    lost.Add(member.Name);
                }
            }
        }

        if (lost.Count > 0)
        {
            var advice = baseType.Locations.Any(l => l.IsInSource)
                ? $"mark '{baseType.ToDisplayString()}' [Persistable] too"
                : $"a class of another assembly cannot be marked [Persistable]: hold {(elements ? "the collection" : "that state")} in a member of '{type.ToDisplayString()}' instead";
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.BaseMembersNotPersisted,
                BaseTypeLocation(type, baseType, context) ?? PersistenceSymbols.IdentifierLocation(type),
                baseType.ToDisplayString(),
                type.ToDisplayString(),
                string.Join(", ", lost),
                advice));
        }
    }

    private static bool IsCollection(INamedTypeSymbol type)
        => type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable);

    private static INamedTypeSymbol? NearestPersistableBase(INamedTypeSymbol? type, PersistenceSymbols symbols)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (symbols.PersistableAttributeOf(current) is not null)
            {
                return current;
            }
        }

        return null;
    }

    // An override in the persistable type is persisted by it, so the base member's value is not lost.
    private static bool IsOverriddenIn(INamedTypeSymbol type, ISymbol baseMember)
        => type.GetMembers(baseMember.Name).OfType<IPropertySymbol>()
            .Any(p => SymbolEqualityComparer.Default.Equals(p.OverriddenProperty?.OriginalDefinition, baseMember.OriginalDefinition));

    private static Location? BaseTypeLocation(INamedTypeSymbol type, INamedTypeSymbol baseType, SymbolAnalysisContext context)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            // The base class, when there is one, is always the first entry of a base list; match it by name
            // (an alias falls back to the class identifier).
            if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax { BaseList.Types: { Count: > 0 } types }
                && SimpleName(types[0].Type) == baseType.Name)
            {
                return types[0].GetLocation();
            }
        }

        return null;
    }

    private static string? SimpleName(TypeSyntax syntax) => syntax switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };
}
