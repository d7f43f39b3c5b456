using MemoryPack;

namespace JobManager.Domain;

/// <summary>
/// What a job asks for. A plain <c>[MemoryPackable]</c> value stored inside the job's record (not a
/// record of its own); immutable, so replacing it through the job's partial property is what marks
/// the job changed.
/// </summary>
/// <param name="Cores">Cores requested (recorded; the sample runs jobs locally and does not enforce it).</param>
/// <param name="MemoryMB">Memory requested, in MB; 0 when none was asked for.</param>
[MemoryPackable]
public sealed partial record ResourceRequest(int Cores, long MemoryMB)
{
    /// <summary>One core, no memory requirement.</summary>
    public static readonly ResourceRequest Default = new(1, 0);
}
