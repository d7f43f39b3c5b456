namespace Gc3.Persistence.Records;

/// <summary>How far a <see cref="StoreCopy"/> has come, reported after each batch of records.</summary>
/// <param name="Records">Records handled so far (written or found already there).</param>
/// <param name="Written">Of those, the records written (the others were already in the target, with the same bytes).</param>
/// <param name="Bytes">The bytes of the records handled so far.</param>
/// <param name="Total">How many records the source held when the copy started.</param>
public readonly record struct StoreCopyProgress(long Records, long Written, long Bytes, long Total);
