namespace Gc3.Persistence.Tool.Commands;

/// <summary>The store a <see cref="StoreCommand"/> runs on, as the command line named it, and the records it selected (<c>--tag</c>, <c>--prefix</c>).</summary>
internal sealed record SelectedStore(string Uri, IRecordStore Records, string? Tag, string? Prefix)
{
    /// <summary>The selected records' IDs, tags, sizes and states, in ID order.</summary>
    public IAsyncEnumerable<RecordInfo> ListAsync(CancellationToken cancellationToken) => Records.ListRecordInfoAsync(Tag, Prefix, cancellationToken);

    /// <summary>The selected records as bytes, in ID order.</summary>
    public IAsyncEnumerable<RawRecord> ReadAsync(CancellationToken cancellationToken) => Records.ReadRawRecordsAsync(Tag, Prefix, cancellationToken);

    /// <summary>A decoder of the store's records by their stored schemas, with the limits of the command line.</summary>
    public Task<RecordDecoder> DecoderAsync(ToolContext context, CancellationToken cancellationToken)
        => RecordDecoder.CreateAsync(Records, context.Limits.MaxNestingDepth, cancellationToken, RecordDecoder.ExpansionBudgetFactor * (long)context.Limits.MaxRecordBytes);
}
