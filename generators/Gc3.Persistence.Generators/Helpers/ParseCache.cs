using System.Runtime.CompilerServices;
using System.Threading;

namespace Gc3.Persistence.Generators.Helpers;

/// <summary>
/// Keeps the <c>ForAttributeWithMetadataName</c> transform to a look-up on most edits. Every edit makes a new
/// compilation, and Roslyn runs the transform again for every <c>[Persistable]</c> type; parsing a type reads
/// its members and their types, whose symbols the new compilation builds afresh. This keeps each type's spec
/// with what it was parsed from: the type's declaration node (an unchanged file keeps its tree and nodes), the
/// <see cref="CompilationShape"/>, and the declaration hash of every tree its parse read
/// (<see cref="TypeDependencies"/>). When all of those are unchanged, the spec is returned without touching a
/// symbol; otherwise the type is parsed again. A comment or a method body edited in a file parses only the
/// types declared in that file (their nodes are new); a member edited in one type parses that type and the
/// types whose members name it.
/// </summary>
/// <remarks>
/// The entries hang off the syntax nodes, held weakly: an entry lives exactly as long as the node it describes,
/// and is never used for another compilation without checking it against that compilation first.
/// </remarks>
internal static class ParseCache
{
    private static readonly ConditionalWeakTable<SyntaxNode, Slot> Slots = new();

    /// <summary>The spec of the context's type: the one kept from an earlier run when nothing it depends on changed, else <paramref name="parse"/>'s.</summary>
    public static PersistableTypeSpec? GetOrParse(
        GeneratorAttributeSyntaxContext context,
        CancellationToken cancellationToken,
        Func<GeneratorAttributeSyntaxContext, CancellationToken, PersistableTypeSpec?> parse)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type)
        {
            return parse(context, cancellationToken);
        }

        var compilation = context.SemanticModel.Compilation;
        var declarations = CompilationDeclarations.Of(compilation, cancellationToken);
        var slot = Slots.GetValue(context.TargetNode, static _ => new Slot());
        if (slot.Entry is { } entry && entry.IsCurrentIn(declarations, cancellationToken))
        {
            return entry.Spec;
        }

        var spec = parse(context, cancellationToken);
        var positions = TypeDependencies.Of(type, compilation, declarations, cancellationToken);
        var hashes = new ulong[positions.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            hashes[i] = declarations.DeclarationsAt(positions[i], cancellationToken);
        }

        slot.Entry = new Entry(spec, declarations.Shape, positions, hashes);
        return spec;
    }

    /// <summary>
    /// Whether the spec kept for <paramref name="declaration"/> (the node carrying <c>[Persistable]</c>) is current
    /// in <paramref name="compilation"/>, so that a run on it will not parse the type again.
    /// </summary>
    public static bool HasCurrentSpec(SyntaxNode declaration, Compilation compilation)
        => Slots.TryGetValue(declaration, out var slot)
           && slot.Entry is { } entry
           && entry.IsCurrentIn(CompilationDeclarations.Of(compilation, CancellationToken.None), CancellationToken.None);

    private sealed class Slot
    {
        private volatile Entry? _entry;

        public Entry? Entry
        {
            get => _entry;
            set => _entry = value;
        }
    }

    private sealed class Entry(PersistableTypeSpec? spec, CompilationShape shape, int[] positions, ulong[] hashes)
    {
        public PersistableTypeSpec? Spec => spec;

        public bool IsCurrentIn(CompilationDeclarations declarations, CancellationToken cancellationToken)
        {
            if (!declarations.Shape.IsSameAs(shape))
            {
                return false;
            }

            // The same number of trees (the shape says so): a position names the same file as when parsed.
            for (var i = 0; i < positions.Length; i++)
            {
                if (declarations.DeclarationsAt(positions[i], cancellationToken) != hashes[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
