using System.Runtime.CompilerServices;
using System.Threading;

namespace Gc3.Persistence.Generators.Helpers;

/// <summary>
/// The syntax trees of one compilation by position, and its <see cref="Shape"/>: what every type's parse
/// depends on beyond the trees that declare the types it reads. Worked out once per compilation (each edit
/// makes one); only the trees an edit replaced are read again (<see cref="DeclarationSignature"/>).
/// </summary>
internal sealed class CompilationDeclarations
{
    private static readonly ConditionalWeakTable<Compilation, CompilationDeclarations> All = new();

    private readonly ImmutableArray<SyntaxTree> _trees;
    private readonly object _gate = new();
    private Dictionary<SyntaxTree, int>? _positions;

    private CompilationDeclarations(Compilation compilation, CancellationToken cancellationToken)
    {
        _trees = [.. compilation.SyntaxTrees];
        ulong names = 17;
        foreach (var tree in _trees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            names = unchecked((names * 1099511628211UL) ^ DeclarationSignature.Of(tree, cancellationToken).Names);
            names = unchecked((names * 1099511628211UL) ^ (ulong)(uint)System.StringComparer.Ordinal.GetHashCode(tree.FilePath));
        }

        Shape = new CompilationShape(compilation.AssemblyName, compilation.Options, compilation.ExternalReferences, _trees.Length, names);
    }

    /// <summary>The compilation's options, references, files and the names they declare, comparable with another compilation's.</summary>
    public CompilationShape Shape { get; }

    /// <summary>The declarations of <paramref name="compilation"/>.</summary>
    public static CompilationDeclarations Of(Compilation compilation, CancellationToken cancellationToken)
    {
        if (All.TryGetValue(compilation, out var known))
        {
            return known;
        }

        var declarations = new CompilationDeclarations(compilation, cancellationToken);
        return All.GetValue(compilation, _ => declarations);
    }

    /// <summary>The <see cref="DeclarationSignature.Declarations"/> hash of the tree at <paramref name="position"/>.</summary>
    public ulong DeclarationsAt(int position, CancellationToken cancellationToken)
        => DeclarationSignature.Of(_trees[position], cancellationToken).Declarations;

    /// <summary>The position of <paramref name="tree"/> among the compilation's trees, or -1 when it is not one of them.</summary>
    public int PositionOf(SyntaxTree tree)
    {
        lock (_gate)
        {
            if (_positions is null)
            {
                _positions = new Dictionary<SyntaxTree, int>(_trees.Length);
                for (var i = 0; i < _trees.Length; i++)
                {
                    _positions[_trees[i]] = i;
                }
            }

            return _positions.TryGetValue(tree, out var position) ? position : -1;
        }
    }
}
