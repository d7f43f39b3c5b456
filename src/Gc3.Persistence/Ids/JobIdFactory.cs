namespace Gc3.Persistence;

/// <summary>An <see cref="IdFactory"/> whose IDs all start with <c>job</c>, as in GC3Pie: <c>job.1</c>, <c>job.2</c>, ...</summary>
public sealed class JobIdFactory : IdFactory
{
    /// <summary>Creates the factory; see <see cref="IdFactory(string?, Func{int, long}?)"/> for <paramref name="nextSeqNo"/>.</summary>
    public JobIdFactory(Func<int, long>? nextSeqNo = null)
        : base("job", nextSeqNo)
    {
    }

    /// <inheritdoc/>
    public override IdFactory WithSequenceSource(Func<int, long> nextSeqNo) => new JobIdFactory(nextSeqNo);
}
