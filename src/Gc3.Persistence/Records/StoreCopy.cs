using Gc3.Persistence.Schemas;

namespace Gc3.Persistence.Records;

/// <summary>
/// Copies every record of one store into another, under the same IDs and in the same bytes (file
/// store to SQLite, SQLite to PostgreSQL, ...), with the source's writer schemas, and moves the
/// target's ID counter past the source's. The target never loses a record: one that already holds a
/// different record under one of the IDs stops the copy with a <see cref="RecordClashException"/>.
/// </summary>
/// <remarks>
/// <para>Resumable: the same bytes already under an ID are skipped, so a copy interrupted at any
/// point (even by <c>kill -9</c>) and run again finishes the job, and the two stores end up equal.</para>
/// <para>Records are read in batches while the previous batch is written (two stores, two threads);
/// each batch is one transaction in a SQL target. At the end the copy checks that the target holds at
/// least as many records as it copied, and names the writer schemas the copied records need that the target does not
/// keep (<see cref="StoreCopyResult.MissingSchemas"/>: the source's were missing or damaged).</para>
/// </remarks>
public static class StoreCopy
{
    /// <summary>The number of records per batch (one transaction in a SQL target).</summary>
    public const int DefaultBatchSize = 1000;

    private const long MaxBatchBytes = 8L << 20;

    /// <summary>Copies every record of <paramref name="source"/> into <paramref name="target"/>.</summary>
    /// <param name="source">The store to copy from; it is only read.</param>
    /// <param name="target">The store to copy into; usually empty, or holding an earlier, interrupted copy.</param>
    /// <param name="progress">Told after each batch how far the copy has come.</param>
    /// <param name="cancellationToken">Stops the copy after the batch being written; run it again to finish.</param>
    /// <exception cref="RecordClashException">The target holds a different record under one of the source's IDs.</exception>
    /// <exception cref="LoadException">A record of the source cannot be read, or is damaged (its framing, checksum or ID).</exception>
    /// <exception cref="InvalidOperationException">The target holds fewer records at the end than were copied.</exception>
    public static Task<StoreCopyResult> CopyAsync(IRecordStore source, IRecordStore target, IProgress<StoreCopyProgress>? progress = null, CancellationToken cancellationToken = default)
        => CopyAsync(source, target, DefaultBatchSize, progress, cancellationToken);

    /// <summary>Copies every record of <paramref name="source"/> into <paramref name="target"/>, <paramref name="batchSize"/> records per batch.</summary>
    /// <inheritdoc cref="CopyAsync(IRecordStore, IRecordStore, IProgress{StoreCopyProgress}?, CancellationToken)"/>
    public static async Task<StoreCopyResult> CopyAsync(
        IRecordStore source, IRecordStore target, int batchSize, IProgress<StoreCopyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (ReferenceEquals(source, target))
        {
            throw new ArgumentException("The source and the target are the same store.", nameof(target));
        }

        (target as Engine.StoreBase)?.ThrowIfReadOnly("copy records into it"); // before anything is read

        var schemas = await CopySchemasAsync(source, target, cancellationToken).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var reader = RawRecordBatchReader.Start(source, batchSize, MaxBatchBytes, readAhead: 2, stop.Token);

        // The count is only for progress: taken beside the reading, not before it (a file store lists its directory for it).
        var counting = Task.Run(() => source.CountAsync(stop.Token), stop.Token);

        long records = 0;
        long written = 0;
        long bytes = 0;
        long highest = -1;
        var namedSchemas = new Dictionary<ulong, long>(); // a few entries: one per schema in use
        try
        {
            await foreach (var batch in reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                long batchBytes = 0;
                foreach (var record in batch)
                {
                    if (record.Problem is not null)
                    {
                        throw new LoadException(record.Id, $"the record cannot be copied: {record.Problem}"); // nothing of its batch is written
                    }

                    batchBytes += record.Data.Length;
                    highest = Math.Max(highest, record.Id.SeqNo);
                    var hash = RecordHeader.TryReadSchemaHash(record.Data.Span[Math.Min(3, record.Data.Length)..]);
                    if (hash != 0)
                    {
                        namedSchemas[hash] = namedSchemas.GetValueOrDefault(hash) + 1;
                    }
                }

                written += await target.WriteRawRecordsAsync(batch, stop.Token).ConfigureAwait(false);
                records += batch.Count;
                bytes += batchBytes;
                var total = counting.IsCompletedSuccessfully ? counting.Result : 0;
                progress?.Report(new StoreCopyProgress(records, written, bytes, Math.Max(total, records)));
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(counting).ConfigureAwait(false);
            throw; // the reader's own error (a read error ends the batches early), or the writer's
        }

        await counting.ConfigureAwait(false);

        var next = await MoveCounterAsync(source, target, highest, cancellationToken).ConfigureAwait(false);
        var targetCount = await target.CountAsync(cancellationToken).ConfigureAwait(false);
        if (targetCount < records)
        {
            throw new InvalidOperationException($"The copy is incomplete: {records} records were copied, but the target holds {targetCount}.");
        }

        return new StoreCopyResult(records, written, bytes, schemas, targetCount, next)
        {
            MissingSchemas = await MissingSchemasAsync(target, namedSchemas, cancellationToken).ConfigureAwait(false),
        };
    }

    // The schemas the copied records name that the target does not keep, with how many records name each.
    private static async Task<Dictionary<ulong, long>> MissingSchemasAsync(IRecordStore target, Dictionary<ulong, long> named, CancellationToken cancellationToken)
    {
        if (named.Count == 0 || target is not ISchemaStore to)
        {
            return [];
        }

        var kept = (await to.ReadSchemasAsync(cancellationToken).ConfigureAwait(false)).Select(s => s.Hash).ToHashSet();
        return named.Where(n => !kept.Contains(n.Key)).ToDictionary(n => n.Key, n => n.Value);
    }

    // Past every ID copied, and past the source's counter (IDs of records it removed are not given again either).
    private static async Task<long> MoveCounterAsync(IRecordStore source, IRecordStore target, long highest, CancellationToken cancellationToken)
    {
        long sourceNext;
        try
        {
            sourceNext = await source.ReadIdCounterAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NotSupportedException)
        {
            sourceNext = 0;
        }

        var past = Math.Max(highest, sourceNext - 1);
        return past >= 0
            ? await target.MoveIdCounterPastAsync(past, cancellationToken).ConfigureAwait(false)
            : await target.ReadIdCounterAsync(cancellationToken).ConfigureAwait(false);
    }

    // The writer schemas come first, so that every record copied has its schema in the target.
    private static async Task<int> CopySchemasAsync(IRecordStore source, IRecordStore target, CancellationToken cancellationToken)
    {
        if (source is not ISchemaStore from || target is not ISchemaStore to)
        {
            return 0;
        }

        var schemas = await from.ReadSchemasAsync(cancellationToken).ConfigureAwait(false);
        if (schemas.Count == 0)
        {
            return 0;
        }

        var known = (await to.ReadSchemasAsync(cancellationToken).ConfigureAwait(false)).Select(s => s.Hash).ToHashSet();
        var missing = schemas.Where(s => !known.Contains(s.Hash)).ToList();
        if (missing.Count > 0)
        {
            await to.WriteSchemasAsync(missing, cancellationToken).ConfigureAwait(false);
        }

        return missing.Count;
    }
}
