namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// The type tags of the <c>[Persistable]</c> types in the assemblies a compilation references, read from
/// their attributes, and the tags two of those assemblies both use. Only assemblies built against
/// Gc3.Persistence are searched, as the generator's registration does.
/// </summary>
internal sealed class ReferencedTypeTags
{
    private ReferencedTypeTags(Dictionary<string, (INamedTypeSymbol Type, IAssemblySymbol Assembly)> byTag, List<Clash> clashes)
    {
        ByTag = byTag;
        Clashes = clashes;
    }

    /// <summary>The first referenced type found for each tag.</summary>
    public IReadOnlyDictionary<string, (INamedTypeSymbol Type, IAssemblySymbol Assembly)> ByTag { get; }

    /// <summary>Tags that two referenced types use.</summary>
    public IReadOnlyList<Clash> Clashes { get; }

    public static ReferencedTypeTags Collect(Compilation compilation, INamedTypeSymbol persistableAttribute)
    {
        var byTag = new Dictionary<string, (INamedTypeSymbol, IAssemblySymbol)>(System.StringComparer.Ordinal);
        var clashes = new List<Clash>();
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (!assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == "Gc3.Persistence")))
            {
                continue;
            }

            foreach (var type in AllTypes(assembly.GlobalNamespace))
            {
                if (type.IsAbstract || PersistableRules.UnsupportedKind(type) is not null
                    || PersistenceSymbols.Find(type, persistableAttribute) is not { } attribute)
                {
                    continue; // abstract and unsupported types are never registered, so their tags are never used
                }

                var tag = PersistableRules.TagOf(type, attribute);
                if (!byTag.TryGetValue(tag, out var first))
                {
                    byTag[tag] = (type, assembly);
                }
                else
                {
                    clashes.Add(new Clash(tag, first.Item1, first.Item2, type, assembly));
                }
            }
        }

        return new ReferencedTypeTags(byTag, clashes);
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol inner)
            {
                foreach (var type in AllTypes(inner))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                foreach (var nested in WithNested(type))
                {
                    yield return nested;
                }
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol type)
    {
        yield return type;
        foreach (var nested in type.GetTypeMembers())
        {
            foreach (var inner in WithNested(nested))
            {
                yield return inner;
            }
        }
    }

    /// <summary>Two referenced types with one tag.</summary>
    internal sealed record Clash(string Tag, INamedTypeSymbol First, IAssemblySymbol FirstAssembly, INamedTypeSymbol Second, IAssemblySymbol SecondAssembly);
}
