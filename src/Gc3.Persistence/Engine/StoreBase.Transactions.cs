using Gc3.Persistence.Telemetry;

namespace Gc3.Persistence.Engine;

/// <summary>Units of work (<see cref="StoreTransaction"/>): the stores that write records and deletes in one transaction.</summary>
public abstract partial class StoreBase
{
    /// <summary>Whether <see cref="BeginTransaction"/> is supported: the store can write records and delete others all or nothing.</summary>
    public virtual bool SupportsTransactions => false;

    /// <inheritdoc/>
    public StoreTransaction BeginTransaction()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfReadOnly("begin a transaction");
        if (!SupportsTransactions)
        {
            throw new NotSupportedException(
                $"{GetType().Name} has no transactions across several saves and removes: use a SQL store (SQLite, PostgreSQL) for a unit of work. " +
                "A single Save or SaveMany is still all or nothing on every store.");
        }

        return new StoreTransaction(this);
    }

    /// <summary>
    /// Writes <paramref name="records"/> and deletes <paramref name="removals"/> in one transaction, all or nothing,
    /// with the version checks of <see cref="WriteRecordsAsync"/> (a <see cref="ConcurrencyException"/> writes nothing),
    /// and calls <see cref="RememberVersion"/> for the written objects once it committed. Called only when
    /// <see cref="SupportsTransactions"/> is <see langword="true"/>; the base store throws <see cref="NotSupportedException"/>.
    /// </summary>
    protected virtual ValueTask WriteTransactionAsync(IReadOnlyList<PendingRecord> records, IReadOnlyList<Id> removals, bool async, CancellationToken cancellationToken)
        => throw new NotSupportedException($"{GetType().Name} does not write transactions.");

    // Encodes the transaction's objects as one SaveMany does, then writes them and its removes in one transaction, and calls
    // written once they are in the store: whatever throws after that (an application's meter or activity listener) must not
    // make the transaction take back what it assigned.
    internal async ValueTask CommitTransactionAsync(
        SaveOperation operation, IReadOnlyList<(object Obj, Id? ForcedId, Id? PreviousId)> saves, IReadOnlyList<Id> removals, Action written, bool async, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfReadOnly("commit a transaction");
        cancellationToken.ThrowIfCancellationRequested();
        var telemetry = OperationTelemetry.Start(TelemetryNames, StoreOperationKind.Transaction, id: null);
        telemetry.Activity?.SetTag(PersistenceTelemetry.BatchSizeTag, saves.Count + removals.Count);
        IReadOnlyList<PendingRecord> records;
        try
        {
            foreach (var (obj, forcedId, _) in saves)
            {
                operation.Encode(obj, forcedId);
            }

            records = operation.Records();
            if (operation.MaxGivenSeqNo >= 0)
            {
                MoveCounterPast(operation.MaxGivenSeqNo);
            }

            operation.BeginWrite(IdentityMap);
            await WriteTransactionAsync(records, removals, async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            operation.Rollback(); // first: the application's listeners, told of the failure, find the objects as before the commit
            telemetry.Fail(e);
            ForgetStale(e);
            operation.Reset();
            throw;
        }

        written();
        var wrote = (Records: records.Count, Removes: removals.Count);
        try
        {
            (int Records, long Bytes, int Skipped) counts;
            try
            {
                counts = CommitWritten(operation, records, countBytes: true, reuse: false);
            }
            finally
            {
                // Also when a meter listener threw in CommitWritten: no moved or removed object stays known under an ID it left.
                foreach (var (obj, forcedId, previousId) in saves)
                {
                    if (forcedId is not null)
                    {
                        ForgetMoved(obj, previousId, forcedId);
                    }
                }

                foreach (var id in removals)
                {
                    Forget(id);
                }
            }

            telemetry.Activity?.SetTag(PersistenceTelemetry.RemovedCountTag, removals.Count);
            telemetry.Succeed(counts.Records, counts.Bytes, counts.Skipped);
            StoreLog.Committed(Logger, counts.Records, removals.Count, counts.Bytes, TelemetryNames.CollectionName);
        }
        catch (Exception e)
        {
            throw ReportingFailed($"The transaction was committed: its {wrote.Records} records and {wrote.Removes} removes are written (StoreTransaction.IsCommitted is true).", e);
        }
    }
}
