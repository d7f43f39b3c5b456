using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gc3.Persistence.Generators.Helpers;

/// <summary>
/// The syntax trees whose declarations a persistable type's parse reads: the type's own (all its parts and
/// the types containing it), its base types', and those of every type its members, constructor parameters
/// and bases name (type arguments and array elements too), with the base types of those and, for a struct or a
/// <c>[MemoryPackable]</c> type, the types of its fields and properties (whether it is unmanaged; the schema's
/// shapes of its members), the constants a referenced persistable type's tag names, and the declarations of the constants that the arguments
/// of its and its members' attributes name (<c>[Persistable(Tags.Job)]</c>). Types from referenced assemblies
/// are left out: the <see cref="CompilationShape"/> covers the references.
/// </summary>
/// <remarks>
/// A superset on purpose (every member, not only the persisted ones), so that rules about which members are
/// persisted can change without this walk. If the parser starts to read something of a type this walk does not
/// reach (the members of a member's type, say), extend it here, or an edit there would leave a stale spec.
/// </remarks>
internal sealed class TypeDependencies
{
    private readonly Compilation _compilation;
    private readonly CompilationDeclarations _declarations;
    private readonly HashSet<ITypeSymbol> _visited = new(SymbolEqualityComparer.Default);
    private readonly SortedSet<int> _positions = [];
    private readonly CancellationToken _cancellationToken;

    private TypeDependencies(Compilation compilation, CompilationDeclarations declarations, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _declarations = declarations;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The positions (in <paramref name="declarations"/>) of the trees the parse of <paramref name="type"/> depends on, ascending.</summary>
    public static int[] Of(INamedTypeSymbol type, Compilation compilation, CompilationDeclarations declarations, CancellationToken cancellationToken)
    {
        var walk = new TypeDependencies(compilation, declarations, cancellationToken);
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            walk.AddDeclarations(outer);
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            cancellationToken.ThrowIfCancellationRequested();
            walk.AddDeclarations(current);
            walk.AddTypeArguments(current);
            if (current.DeclaringSyntaxReferences.Length == 0)
            {
                continue; // from a referenced assembly: its members are the reference's
            }

            walk.AddAttributeArguments(current);
            foreach (var member in current.GetMembers())
            {
                walk.AddMemberTypes(member);
                if (member is IPropertySymbol or IFieldSymbol)
                {
                    walk.AddAttributeArguments(member);
                }
            }
        }

        var positions = new int[walk._positions.Count];
        walk._positions.CopyTo(positions);
        return positions;
    }

    private void AddMemberTypes(ISymbol member)
    {
        switch (member)
        {
            case IPropertySymbol property:
                AddType(property.Type);
                break;
            case IFieldSymbol field:
                AddType(field.Type);
                break;
            case IMethodSymbol { MethodKind: MethodKind.Constructor } constructor:
                foreach (var parameter in constructor.Parameters)
                {
                    AddType(parameter.Type);
                }

                break;
        }
    }

    private void AddType(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                AddType(array.ElementType);
                return;
            case IPointerTypeSymbol pointer:
                AddType(pointer.PointedAtType);
                return;
            case IErrorTypeSymbol error:
                foreach (var candidate in error.CandidateSymbols)
                {
                    if (candidate is ITypeSymbol candidateType)
                    {
                        AddType(candidateType);
                    }
                }

                return;
            case INamedTypeSymbol named when _visited.Add(named):
                AddDeclarations(named);
                AddTypeArguments(named);
                for (var outer = named.ContainingType; outer is not null; outer = outer.ContainingType)
                {
                    AddDeclarations(outer);
                }

                for (var baseType = named.BaseType; baseType is not null; baseType = baseType.BaseType)
                {
                    AddDeclarations(baseType);
                    AddTypeArguments(baseType);
                }

                if (named.DeclaringSyntaxReferences.Length == 0)
                {
                    return;
                }

                // Whether a struct is unmanaged depends on the types of its fields; the schema of a type that holds
                // a [MemoryPackable] one names that type's members (its and its bases') and their shapes.
                var memoryPackable = TypeClassifier.HasAttribute(named.OriginalDefinition, KnownTypeNames.MemoryPackableAttribute);
                if (named.TypeKind == TypeKind.Struct || memoryPackable)
                {
                    for (var declaring = named; declaring is not null; declaring = memoryPackable ? declaring.BaseType : null)
                    {
                        foreach (var member in declaring.GetMembers())
                        {
                            if (!member.IsStatic && member is IFieldSymbol or IPropertySymbol)
                            {
                                AddMemberTypes(member);
                            }
                        }
                    }
                }

                // A reference's schema shape names the referenced type's tag, maybe a constant declared elsewhere.
                for (var current = named; current is not null; current = current.BaseType)
                {
                    if (TypeClassifier.HasAttribute(current, KnownTypeNames.PersistableAttribute))
                    {
                        AddAttributeArguments(current);
                        break;
                    }
                }

                return;
        }
    }

    // An attribute argument that is not a literal names a constant (or a type), maybe declared in another file.
    private void AddAttributeArguments(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is not AttributeSyntax { ArgumentList: { } arguments } syntax)
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var argument in arguments.Arguments)
            {
                if (argument.Expression is LiteralExpressionSyntax)
                {
                    continue;
                }

                model ??= _compilation.GetSemanticModel(syntax.SyntaxTree);
                foreach (var name in argument.Expression.DescendantNodesAndSelf().OfType<SimpleNameSyntax>())
                {
                    var info = model.GetSymbolInfo(name, _cancellationToken);
                    foreach (var named in info.Symbol is { } one ? [one] : info.CandidateSymbols)
                    {
                        if (named is ITypeSymbol namedType)
                        {
                            AddType(namedType);
                        }
                        else if (named.ContainingType is { } containing)
                        {
                            AddType(containing);
                        }
                    }
                }
            }
        }
    }

    private void AddTypeArguments(INamedTypeSymbol type)
    {
        foreach (var argument in type.TypeArguments)
        {
            AddType(argument);
        }
    }

    private void AddDeclarations(INamedTypeSymbol type)
    {
        foreach (var reference in type.OriginalDefinition.DeclaringSyntaxReferences)
        {
            var position = _declarations.PositionOf(reference.SyntaxTree);
            if (position >= 0)
            {
                _positions.Add(position);
            }
        }
    }
}
