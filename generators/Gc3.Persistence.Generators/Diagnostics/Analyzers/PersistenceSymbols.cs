using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// The Gc3.Persistence attribute types of one compilation, looked up once per compilation start;
/// <see langword="null"/> from <see cref="TryCreate"/> means the compilation does not use Gc3.Persistence.
/// </summary>
internal sealed class PersistenceSymbols
{
    private PersistenceSymbols(INamedTypeSymbol persistable, Compilation compilation)
    {
        Persistable = persistable;
        PersistIgnore = compilation.GetTypeByMetadataName(KnownTypeNames.PersistIgnoreAttribute);
        PersistOrder = compilation.GetTypeByMetadataName(KnownTypeNames.PersistOrderAttribute);
        PersistName = compilation.GetTypeByMetadataName(KnownTypeNames.PersistNameAttribute);
        StoreColumn = compilation.GetTypeByMetadataName(KnownTypeNames.StoreColumnAttribute);
    }

    public INamedTypeSymbol Persistable { get; }

    public INamedTypeSymbol? PersistIgnore { get; }

    public INamedTypeSymbol? PersistOrder { get; }

    public INamedTypeSymbol? PersistName { get; }

    public INamedTypeSymbol? StoreColumn { get; }

    public static PersistenceSymbols? TryCreate(Compilation compilation)
        => compilation.GetTypeByMetadataName(KnownTypeNames.PersistableAttribute) is { } persistable
            ? new PersistenceSymbols(persistable, compilation)
            : null;

    /// <summary>The <c>[Persistable]</c> attribute declared on <paramref name="type"/> itself (it is not inherited).</summary>
    public AttributeData? PersistableAttributeOf(INamedTypeSymbol type) => Find(type, Persistable);

    public static AttributeData? Find(ISymbol symbol, INamedTypeSymbol? attributeType)
        => attributeType is null
            ? null
            : symbol.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));

    /// <summary>Where an attribute is written, or the symbol's own location for one from metadata.</summary>
    public static Location AttributeLocation(AttributeData attribute, ISymbol fallback, CancellationToken cancellationToken)
        => attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? IdentifierLocation(fallback);

    /// <summary>Where a positional argument of an attribute is written, or the whole attribute without one.</summary>
    public static Location ArgumentLocation(AttributeData attribute, int position, ISymbol fallback, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } list })
        {
            var positional = list.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
            if (position < positional.Count)
            {
                return positional[position].GetLocation();
            }
        }

        return AttributeLocation(attribute, fallback, cancellationToken);
    }

    /// <summary>Where a named argument (<c>IdPrefix = "..."</c>) of an attribute is written, or the whole attribute.</summary>
    public static Location NamedArgumentLocation(AttributeData attribute, string name, ISymbol fallback, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } list }
            && list.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name) is { } argument)
        {
            return argument.GetLocation();
        }

        return AttributeLocation(attribute, fallback, cancellationToken);
    }

    /// <summary>The identifier of a declared symbol (its first declaration).</summary>
    public static Location IdentifierLocation(ISymbol symbol)
        => symbol.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;
}
