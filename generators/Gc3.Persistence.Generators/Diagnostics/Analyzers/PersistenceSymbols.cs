using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// The Gc3.Persistence attribute types of one compilation and the facts of its types, looked up once per
/// compilation and shared by every GC3P analyzer (<see cref="Of"/>); <see langword="null"/> means the
/// compilation does not use Gc3.Persistence.
/// </summary>
internal sealed class PersistenceSymbols
{
    // Keyed on the compilation, held weakly: the symbols and facts live exactly as long as their compilation.
    private static readonly ConditionalWeakTable<Compilation, StrongBox<PersistenceSymbols?>> Instances = new();

    // Every analyzer asks for the facts of every type: a hit must cost one lookup, no allocation and no lock.
    // Two analyzers asking for a new type at once may both build its facts (they are equal); one is kept.
    private readonly ConcurrentDictionary<INamedTypeSymbol, TypeFacts> _facts = new(SymbolEqualityComparer.Default);

    private PersistenceSymbols(INamedTypeSymbol persistable, Compilation compilation)
    {
        Compilation = compilation;
        Persistable = persistable;
        PersistIgnore = compilation.GetTypeByMetadataName(KnownTypeNames.PersistIgnoreAttribute);
        PersistOrder = compilation.GetTypeByMetadataName(KnownTypeNames.PersistOrderAttribute);
        PersistName = compilation.GetTypeByMetadataName(KnownTypeNames.PersistNameAttribute);
        StoreColumn = compilation.GetTypeByMetadataName(KnownTypeNames.StoreColumnAttribute);
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol Persistable { get; }

    public INamedTypeSymbol? PersistIgnore { get; }

    public INamedTypeSymbol? PersistOrder { get; }

    public INamedTypeSymbol? PersistName { get; }

    public INamedTypeSymbol? StoreColumn { get; }

    /// <summary>The symbols of <paramref name="compilation"/>, made by the first analyzer that asks.</summary>
    public static PersistenceSymbols? Of(Compilation compilation)
        => Instances.GetValue(compilation, static c => new StrongBox<PersistenceSymbols?>(
            c.GetTypeByMetadataName(KnownTypeNames.PersistableAttribute) is { } persistable ? new PersistenceSymbols(persistable, c) : null)).Value;

    /// <summary>The facts of a <c>[Persistable]</c> type (the attribute on the type itself), or <see langword="null"/> for any other type.</summary>
    public TypeFacts? FactsOf(INamedTypeSymbol type)
    {
        if (_facts.TryGetValue(type, out var known))
        {
            return known.Attribute is null ? null : known;
        }

        return PersistableAttributeOf(type) is null ? null : AnyFactsOf(type);
    }

    /// <summary>The facts of any type of the compilation or its references (for base types that are not marked themselves).</summary>
    public TypeFacts AnyFactsOf(INamedTypeSymbol type)
        => _facts.TryGetValue(type, out var known) ? known : _facts.GetOrAdd(type, new TypeFacts(type, this));

    /// <summary>The <c>[Persistable]</c> attribute declared on <paramref name="type"/> itself (it is not inherited).</summary>
    public AttributeData? PersistableAttributeOf(INamedTypeSymbol type) => Find(type, Persistable);

    public static AttributeData? Find(ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return null;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                return attribute;
            }
        }

        return null;
    }

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
