using Gc3.Persistence.Benchmarks.Measurement;
using Gc3.Persistence.Benchmarks.Workload;
using Gc3.Persistence.Schemas;

namespace Gc3.Persistence.Benchmarks.Subjects;

/// <summary>
/// A store subject run with the load path's schema-hash comparison switched off (<c>--schema-check</c>):
/// every record is read as if written with its reader's schema, as before issue 15. Set against the
/// same store with the comparison on, in the same repetitions, phase B shows what resolution costs
/// the common case (writer schema = reader schema); issue 15 §3 asks for 5% at most.
/// </summary>
public sealed class SchemaCheckOffSubject(Subject inner) : Subject
{
    /// <summary>The suffix of the subject's name after the inner subject's.</summary>
    public const string Suffix = "-nocheck";

    /// <summary>The stores that get a twin.</summary>
    public static readonly IReadOnlyList<string> Stores = ["memory", "file", "file-fsync", "sqlite", "sqlite-many", "postgres", "postgres-many"];

    /// <inheritdoc/>
    public override string Name => inner.Name + Suffix;

    /// <inheritdoc/>
    public override string Settings => $"{inner.Settings}; loads skip the schema-hash comparison (the baseline of phase B before schemas)";

    /// <inheritdoc/>
    public override bool InMemory => inner.InMemory;

    /// <inheritdoc/>
    public override void Run(WorkloadData data, PhaseTimer timer, string directory)
    {
        SchemaResolution.CheckHashes = false;
        try
        {
            inner.Run(data, timer, directory);
        }
        finally
        {
            SchemaResolution.CheckHashes = true;
        }
    }
}
