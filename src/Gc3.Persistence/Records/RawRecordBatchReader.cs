using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Gc3.Persistence.Records;

/// <summary>
/// Reads a store's records as bytes in batches, in <see cref="Id"/> order, on a thread of its own while the
/// caller works on the batch before (checks it, writes it into another store): two cores, two jobs, and
/// fewer hand-overs between the threads than record by record. <see cref="StoreCopy"/> and <c>gc3p verify</c>
/// read stores this way.
/// </summary>
/// <remarks>
/// The reading starts with <see cref="Start"/>, so the caller can do something else first (count the store,
/// copy its schemas) while the first batches are read. Disposing the reader stops the reading and waits for it:
/// a caller that stops early or fails leaves no thread reading behind.
/// </remarks>
public sealed class RawRecordBatchReader : IAsyncDisposable
{
    private readonly Channel<IReadOnlyList<RawRecord>> _batches;
    private readonly CancellationTokenSource _stop;
    private readonly Task _reading;

    private RawRecordBatchReader(IRecordStore source, int batchSize, long maxBatchBytes, int readAhead, CancellationToken cancellationToken)
    {
        _batches = Channel.CreateBounded<IReadOnlyList<RawRecord>>(new BoundedChannelOptions(readAhead) { SingleReader = true, SingleWriter = true });
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stop = _stop.Token;
        _reading = Task.Run(() => FillAsync(source, _batches.Writer, batchSize, maxBatchBytes, stop), CancellationToken.None); // always run: it completes the channel
    }

    /// <summary>
    /// Starts reading the records of <paramref name="source"/> (<see cref="IRecordStore.ReadRawRecordsAsync"/>)
    /// in batches of at most <paramref name="batchSize"/> records; a batch ends early once it holds
    /// <paramref name="maxBatchBytes"/> bytes or more.
    /// </summary>
    /// <param name="source">The store to read.</param>
    /// <param name="batchSize">The largest number of records in a batch.</param>
    /// <param name="maxBatchBytes">The bytes after which a batch ends before it is full.</param>
    /// <param name="readAhead">How many batches the reading may be ahead of the caller.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public static RawRecordBatchReader Start(IRecordStore source, int batchSize, long maxBatchBytes = long.MaxValue, int readAhead = 2, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatchBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(readAhead);
        return new RawRecordBatchReader(source, batchSize, maxBatchBytes, readAhead, cancellationToken);
    }

    /// <summary>
    /// The batches, in <see cref="Id"/> order. Damaged records come as they are (<see cref="RawRecord.Problem"/>);
    /// an error of the reading (the store's) ends the batches with that error.
    /// </summary>
    /// <param name="cancellationToken">Stops the waiting for the next batch.</param>
    public async IAsyncEnumerable<IReadOnlyList<RawRecord>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var batch in _batches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }

        await _reading.ConfigureAwait(false);
    }

    /// <summary>Stops the reading, if it has not ended, and waits for it (an error it ended with is not thrown again here).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAny(_reading).ConfigureAwait(false);
        _stop.Dispose();
    }

    private static async Task FillAsync(IRecordStore source, ChannelWriter<IReadOnlyList<RawRecord>> writer, int batchSize, long maxBatchBytes, CancellationToken cancellationToken)
    {
        try
        {
            // Grown as filled, not sized by batchSize: 'as large as can be' (int.MaxValue) is a fair batch size, but no array.
            var capacity = Math.Min(batchSize, 1024);
            var batch = new List<RawRecord>(capacity);
            long batchBytes = 0;
            await foreach (var record in source.ReadRawRecordsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                batch.Add(record);
                batchBytes += record.Data.Length;
                if (batch.Count >= batchSize || batchBytes >= maxBatchBytes)
                {
                    await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    batch = new List<RawRecord>(capacity);
                    batchBytes = 0;
                }
            }

            if (batch.Count > 0)
            {
                await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }

            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
            throw;
        }
    }
}
