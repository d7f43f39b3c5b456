using Gc3.Persistence.Records;

namespace Gc3.Persistence.Sql;

/// <summary>
/// The ID numbers of a <see cref="SqlStore"/>: they come from the counter table in the database (so
/// processes on several machines never give the same ID), in doubling blocks (see
/// <see cref="SequenceBlocks"/>) so that one-off saves stay consecutive and bulk saves rarely touch
/// the counter. A counter row deleted by hand is restored after the highest ID in the table.
/// </summary>
internal sealed class SqlIdCounter
{
    private readonly SqlSessionPool _sessions;
    private readonly SqlTableSchema _schema;
    private readonly Func<SqlTableLayout> _layout;
    private readonly ILogger _logger;

    public SqlIdCounter(SqlSessionPool sessions, SqlTableSchema schema, Func<SqlTableLayout> layout, ILogger logger)
    {
        _sessions = sessions;
        _schema = schema;
        _layout = layout;
        _logger = logger;
        Blocks = new SequenceBlocks(
            count => Synchronous.Wait(ReserveAsync(count, false, default)),
            movePast: seqNo => Synchronous.Wait(MovePastAsync(seqNo, false, default)));
    }

    /// <summary>The numbers for new IDs: <see cref="SequenceBlocks.Take"/> is the store's sequence source.</summary>
    public SequenceBlocks Blocks { get; }

    /// <summary>Reserves <paramref name="count"/> consecutive numbers in the counter table and returns the first.</summary>
    public ValueTask<long> ReserveAsync(int count, bool async, CancellationToken cancellationToken)
        => UpdateCounterAsync(SqlStatementKind.Reserve, count, async, cancellationToken);

    /// <summary>Makes sure the counter table never gives <paramref name="seqNo"/> or a number below it; returns the next number it gives.</summary>
    public ValueTask<long> MovePastAsync(long seqNo, bool async, CancellationToken cancellationToken)
        => UpdateCounterAsync(SqlStatementKind.MovePast, Math.Min(seqNo, IRecordStore.NoIdLeft - 1), async, cancellationToken); // no overflow in SQL

    /// <summary>
    /// The highest ID number in the table when the counter is not past it (restored from an older backup, set back by
    /// hand, a number a rolled-back transaction had moved it past), or <see langword="null"/> when the counter is fine.
    /// </summary>
    public async ValueTask<long?> BehindRowsAsync(bool async, CancellationToken cancellationToken)
    {
        var layout = _layout();
        var statement = new SqlStatement($"SELECT (SELECT {layout.Dialect.BoundedNumber("next_seqno")} FROM {layout.QuotedCounterTable}), ({layout.HighestSeqNoSql()})", []);
        long? behind = null;
        await _sessions.QueryAsync(
            statement,
            bind: null,
            reader =>
            {
                var highest = reader.GetInt64(1);
                behind = reader.IsDBNull(0) || reader.GetFieldType(0) != typeof(long) || reader.GetInt64(0) <= highest ? highest : null;
            },
            async,
            cancellationToken).ConfigureAwait(false);
        return behind;
    }

    private async ValueTask<long> UpdateCounterAsync(SqlStatementKind kind, long value, bool async, CancellationToken cancellationToken)
    {
        try
        {
            return await UpdateCounterCoreAsync(kind, value, async, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException e)
        {
            throw SqlStore.Failed($"Reserving new IDs in the counter table '{_layout().CounterTable}'", e);
        }
    }

    private async ValueTask<long> UpdateCounterCoreAsync(SqlStatementKind kind, long value, bool async, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var layout = _layout();
            var session = await _sessions.RentAsync(async, cancellationToken).ConfigureAwait(false);
            object? first;
            try
            {
                var command = await session.CommandAsync(kind, layout, async, cancellationToken).ConfigureAwait(false);
                command.Parameters[0].Value = value;
                first = await SqlAsync.ExecuteScalarAsync(command, async, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await _sessions.ReturnAsync(session, async).ConfigureAwait(false);
            }

            if (first is not null and not DBNull)
            {
                return Convert.ToInt64(first, System.Globalization.CultureInfo.InvariantCulture);
            }

            // No row changed: the counter row is missing, holds no ID number, or is too close to the largest one.
            var held = await ReadCounterAsync(layout, async, cancellationToken).ConfigureAwait(false);
            if (held?.Value is long next and >= 1)
            {
                throw new InvalidOperationException(
                    $"The ID counter table '{layout.CounterTable}' has reached {next}: this store can give no more IDs, as {value} more would pass the largest ID number, {IRecordStore.NoIdLeft - 1}.");
            }

            if (attempt > 0)
            {
                throw new InvalidOperationException($"The ID counter table '{layout.CounterTable}' {(held is null ? "has no row" : $"holds {held.Value.Shown}, which is no ID number,")} and the store could not restore it.");
            }

            if (held is null)
            {
                // The counter row was deleted by hand: start it again after the highest ID in the table.
                _logger.LogWarning("The ID counter table {Table} was empty; restarting it after the highest ID in {Store}.", layout.CounterTable, layout.Table);
                await _schema.EnsureAsync(layout, async, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Edited by hand or forged (0, negative, text, real, NULL): the same, as the file store does with a damaged counter file.
                _logger.LogWarning("The ID counter table {Table} holds {Value}, which is no ID number; restarting it after the highest ID in {Store}.", layout.CounterTable, held.Value.Shown, layout.Table);
                await ExecuteAsync(layout, new SqlStatement(layout.RestartCounterSql(), []), async, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // The counter row's value as stored (DBNull for NULL), and that value for a message, or null when there is no row. A
    // forged text (SQLite's column is loosely typed) is read only when short enough to be a number: a longer one is DBNull,
    // shown as its length.
    private async ValueTask<(object Value, string Shown)?> ReadCounterAsync(SqlTableLayout layout, bool async, CancellationToken cancellationToken)
    {
        (object Value, string Shown)? held = null;
        var dialect = layout.Dialect;
        await _sessions.QueryAsync(
            new SqlStatement($"SELECT {dialect.BoundedNumber("next_seqno")}, {dialect.UnreadNumberLength("next_seqno")} FROM {layout.QuotedCounterTable}", []),
            bind: null,
            reader => held ??= (reader.GetValue(0), SqlRowKey.Show(reader, 0, 1)),
            async,
            cancellationToken).ConfigureAwait(false);
        return held;
    }

    private async ValueTask ExecuteAsync(SqlTableLayout layout, SqlStatement statement, bool async, CancellationToken cancellationToken)
    {
        var session = await _sessions.RentAsync(async, cancellationToken).ConfigureAwait(false);
        try
        {
            await session.ExecuteAsync(layout.Dialect, statement, null, [], async, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _sessions.ReturnAsync(session, async).ConfigureAwait(false);
        }
    }
}
