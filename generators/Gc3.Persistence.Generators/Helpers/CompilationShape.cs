namespace Gc3.Persistence.Generators.Helpers;

/// <summary>
/// What a parse of any type may depend on besides the trees that declare the types it reads: the assembly
/// name, the compilation options (nullable context, ...), the referenced assemblies (by identity of the
/// reference objects, which an edit keeps) and, over all files in order, their paths and the names they
/// declare. Adding a file, a type or a reference changes it, and then every type is parsed again.
/// </summary>
internal sealed class CompilationShape
{
    private readonly string? _assemblyName;
    private readonly CompilationOptions _options;
    private readonly ImmutableArray<MetadataReference> _references;
    private readonly int _treeCount;
    private readonly ulong _names;

    // The last shape found equal (held weakly: shapes of old compilations must not chain up over a session):
    // the next type's check of the same pair is then a reference comparison.
    private volatile WeakReference<CompilationShape>? _equal;

    public CompilationShape(string? assemblyName, CompilationOptions options, ImmutableArray<MetadataReference> references, int treeCount, ulong names)
    {
        _assemblyName = assemblyName;
        _options = options;
        _references = references;
        _treeCount = treeCount;
        _names = names;
    }

    /// <summary>Whether <paramref name="other"/> has the same options, references, files and declared names.</summary>
    public bool IsSameAs(CompilationShape other)
    {
        if (ReferenceEquals(this, other) || (_equal is { } equal && equal.TryGetTarget(out var known) && ReferenceEquals(known, other)))
        {
            return true;
        }

        if (_treeCount != other._treeCount || _names != other._names || _assemblyName != other._assemblyName
            || _references.Length != other._references.Length || !_options.Equals(other._options))
        {
            return false;
        }

        for (var i = 0; i < _references.Length; i++)
        {
            if (!ReferenceEquals(_references[i], other._references[i]))
            {
                return false;
            }
        }

        _equal = new WeakReference<CompilationShape>(other);
        return true;
    }
}
