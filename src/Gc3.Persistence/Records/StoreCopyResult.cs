namespace Gc3.Persistence.Records;

/// <summary>What a <see cref="StoreCopy"/> did.</summary>
/// <param name="Records">Records of the source, all now in the target under the same IDs.</param>
/// <param name="Written">Of those, the records this run wrote (the others were already there: an earlier, interrupted run wrote them).</param>
/// <param name="Bytes">The bytes of the records.</param>
/// <param name="Schemas">Writer schemas the target did not have and now has.</param>
/// <param name="TargetCount">The records the target holds at the end (more than <paramref name="Records"/> when it held others before).</param>
/// <param name="NextIdNumber">The next number the target's ID counter gives: past every ID of the source and past the source's own counter.</param>
public sealed record StoreCopyResult(long Records, long Written, long Bytes, int Schemas, long TargetCount, long NextIdNumber)
{
    /// <summary>
    /// The writer schemas that copied records name but the target does not keep (the source's copy was missing or
    /// damaged, so it could not be copied), with how many records name each; empty when every record's schema is
    /// there. Those records were copied as they are: the application that has their types loads them, but nothing
    /// decodes them without those types (<c>gc3p show</c>, <c>dump</c>, <c>verify</c>), and a type that changed cannot
    /// resolve them.
    /// </summary>
    public IReadOnlyDictionary<ulong, long> MissingSchemas { get; init; } = new Dictionary<ulong, long>();
}
