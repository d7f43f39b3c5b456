using System.Buffers;
using System.Text;

namespace Gc3.Persistence.Sql;

/// <summary>
/// Binds the queryable columns of a record's row (extra fields, then the columns its type declares)
/// to a write command of a <see cref="SqlStore"/>, converted as <see cref="SqlValueConverter"/> does.
/// A failure is logged at Warning level once per column and type, then at Debug level.
/// </summary>
internal sealed class SqlColumnValues(ILogger logger, SqlDialect dialect)
{
    private readonly ConcurrentDictionary<(string Column, Type Type), bool> _reportedFailures = new();

    // Values the object cannot give (a getter or an extra field that throws) are logged and left
    // NULL, as gc3 does: a column must never make a save fail, nor keep the others from being filled.
    // The values go to parameters[offset..offset + layout.ValueColumns.Count], in the layout's column order.
    public void Bind(DbParameterCollection parameters, int offset, SqlTableLayout layout, in PendingRecord record)
    {
        var columns = layout.ValueColumns;
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            object value = DBNull.Value;
            if (column.Extra is { } extra)
            {
                try
                {
                    value = SqlValueConverter.ToDb(extra.Value(record.Object), column.Kind, dialect);
                }
                catch (Exception e)
                {
                    ReportColumnFailure(column.Name, record, e);
                }
            }

            parameters[offset + i].Value = value;
        }

        var declared = record.Serializer.Columns;
        if (declared.Count == 0)
        {
            return;
        }

        var map = layout.MapOf(record.Serializer) ?? throw new InvalidOperationException($"The table layout lacks the columns of {record.Serializer.Type.FullName}.");
        var raw = ArrayPool<object?>.Shared.Rent(declared.Count);
        try
        {
            try
            {
                record.Serializer.GetColumnValues(record.Object, raw.AsSpan(0, declared.Count));
            }
            catch (Exception e)
            {
                ReportColumnFailure(string.Join(", ", declared.Select(c => c.Name)), record, e);
                return;
            }

            for (var i = 0; i < declared.Count; i++)
            {
                var column = columns[map[i]];
                if (raw[i] is Exception failure)
                {
                    ReportColumnFailure(column.Name, record, failure); // its getter threw: only this column is left NULL
                    continue;
                }

                try
                {
                    var value = SqlValueConverter.ToDb(raw[i], column.Kind, dialect);
                    if (map[i] == 0 && value is string { Length: > SqlColumn.MaxStateBytes / 3 } state)
                    {
                        CheckStateLength(state);
                    }

                    parameters[offset + map[i]].Value = value;
                }
                catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
                {
                    ReportColumnFailure(column.Name, record, e);
                }
            }
        }
        finally
        {
            Array.Clear(raw, 0, declared.Count);
            ArrayPool<object?>.Shared.Return(raw);
        }
    }

    // The state column (the first of the layout's) holds what the store reads back: a longer value is left NULL.
    private static void CheckStateLength(string state)
    {
        if (Encoding.UTF8.GetByteCount(state) > SqlColumn.MaxStateBytes)
        {
            throw new FormatException($"A state of {Encoding.UTF8.GetByteCount(state)} bytes is longer than the {SqlColumn.MaxStateBytes} bytes the store reads as a state.");
        }
    }

    private void ReportColumnFailure(string column, in PendingRecord record, Exception exception)
    {
        if (_reportedFailures.TryAdd((column, record.Serializer.Type), true))
        {
            logger.LogWarning(
                exception,
                "Could not compute the column {Column} of {Id} ({Type}); it is left NULL. Further failures of this column for this type are logged at Debug level.",
                column,
                record.Id,
                record.Serializer.Type.FullName);
        }
        else
        {
            logger.LogDebug(exception, "Could not compute the column {Column} of {Id}; it is left NULL.", column, record.Id);
        }
    }
}
