using System.Globalization;
using Gc3.Persistence.Serialization;
using Gc3.Persistence.Sql;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Sql.Tests.Exactness;

/// <summary>
/// A [StoreColumn] value the database cannot hold exactly is left NULL with a warning, never stored changed and
/// never a failed save: the record itself keeps it exactly, and ListWhere refuses the value instead of answering wrongly.
/// Run on SQLite (no NaN) and PostgreSQL (no U+0000 in text).
/// </summary>
public abstract class SqlColumnExactnessTests(ITestDatabase database, bool textHoldsNul, bool realHoldsNaN, bool timestampHoldsTicks) : SqlTableTests("exact", database)
{
    [Fact]
    public void A_ulong_past_long_MaxValue_is_left_out_of_its_column_not_stored_negative()
    {
        var logs = new CapturingLoggerFactory();
        using var store = Open(new StoreOptions { LoggerFactory = logs });
        var fits = store.Save(new ColumnEdges { Big = long.MaxValue, Letter = 'x' });
        var past = store.Save(new ColumnEdges { Big = ulong.MaxValue - 1, Letter = 'x' });

        Assert.Equal(long.MaxValue, Convert.ToInt64(Column("big", fits)));
        Assert.Null(Column("big", past));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("big", StringComparison.Ordinal) && e.Exception is OverflowException);
        Assert.Equal([fits], store.ListWhere("big", (ulong)long.MaxValue));
        Assert.Empty(store.ListWhere("big", -2L));
        Assert.Contains("does not fit the column 'big'", Assert.Throws<ArgumentException>(() => store.ListWhere("big", ulong.MaxValue - 1)).Message, StringComparison.Ordinal);
        store.InvalidateCache();
        Assert.Equal(ulong.MaxValue - 1, store.Load<ColumnEdges>(past).Big);
    }

    [Fact]
    public void Text_with_U0000_is_kept_where_the_database_holds_it_and_otherwise_left_out_and_the_save_succeeds()
    {
        var logs = new CapturingLoggerFactory();
        using var store = Open(new StoreOptions { LoggerFactory = logs });

        // A char column's default value is U+0000: on PostgreSQL, every such save used to fail.
        var id = store.Save(new ColumnEdges { Text = "a\0b" });

        store.InvalidateCache();
        var loaded = store.Load<ColumnEdges>(id);
        Assert.Equal("a\0b", loaded.Text);
        Assert.Equal('\0', loaded.Letter);
        if (textHoldsNul)
        {
            Assert.Equal("a\0b", Column("text", id));
            Assert.Equal([id], store.ListWhere("text", "a\0b"));
            Assert.Equal([id], store.ListWhere("letter", '\0'));
        }
        else
        {
            Assert.Null(Column("text", id));
            Assert.Null(Column("letter", id));
            Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Exception is FormatException && e.Exception.Message.Contains("U+0000", StringComparison.Ordinal));
            Assert.Contains("U+0000", Assert.Throws<ArgumentException>(() => store.ListWhere("text", "a\0b")).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_lone_surrogate_is_left_out_of_a_text_column_which_would_hold_another_string()
    {
        var logs = new CapturingLoggerFactory();
        using var store = Open(new StoreOptions { LoggerFactory = logs });
        var lone = store.Save(new ColumnEdges { Letter = '\uDC00' });
        var replacement = store.Save(new ColumnEdges { Letter = '\uFFFD' });

        Assert.Null(Column("letter", lone));
        Assert.Equal([replacement], store.ListWhere("letter", '\uFFFD'));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Exception is FormatException && e.Exception.Message.Contains("lone surrogate U+DC00", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => store.ListWhere("letter", '\uDC00'));
        Assert.Equal([replacement], store.ListWhere("letter", "\uFFFD"));
        store.InvalidateCache();
        Assert.Equal('\uDC00', store.Load<ColumnEdges>(lone).Letter);
    }

    [Fact]
    public void NaN_is_kept_where_the_database_holds_it_and_otherwise_left_out_and_the_save_succeeds()
    {
        var logs = new CapturingLoggerFactory();
        using var store = Open(new StoreOptions { LoggerFactory = logs });
        var id = store.Save(new ColumnEdges { Real = double.NaN, Letter = 'x' });

        store.InvalidateCache();
        Assert.True(double.IsNaN(store.Load<ColumnEdges>(id).Real));
        if (realHoldsNaN)
        {
            Assert.Equal([id], store.ListWhere("real", double.NaN));
        }
        else
        {
            Assert.Null(Column("real", id));
            Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Exception is FormatException && e.Exception.Message.Contains("NaN", StringComparison.Ordinal));
            Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => store.ListWhere("real", double.NaN)).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Columns_hold_decimals_as_doubles_and_times_as_precisely_as_their_SQL_type_as_the_docs_say()
    {
        using var store = Open();
        var tenth = store.Save(new ColumnEdges { Money = 0.1m, Letter = 'x' });
        var closeToTenth = store.Save(new ColumnEdges { Money = 0.1000000000000000000000000001m, Letter = 'x' });
        var microsecond = new DateTime(2026, 12, 3, 9, 30, 0, DateTimeKind.Utc).AddTicks(1230);
        var atMicrosecond = store.Save(new ColumnEdges { When = microsecond, Letter = 'x' });
        var oneTickLater = store.Save(new ColumnEdges { When = microsecond.AddTicks(1), Letter = 'x' });

        Assert.Equal([tenth, closeToTenth], store.ListWhere("money", 0.1m));
        Assert.Equal(timestampHoldsTicks ? [atMicrosecond] : [atMicrosecond, oneTickLater], store.ListWhere("when", microsecond));
        store.InvalidateCache();
        Assert.Equal(0.1000000000000000000000000001m, store.Load<ColumnEdges>(closeToTenth).Money);
        Assert.Equal(microsecond.AddTicks(1), store.Load<ColumnEdges>(oneTickLater).When);
    }

    [Fact]
    public void A_fraction_is_left_out_of_an_integer_column_and_refused_by_ListWhere_not_rounded()
    {
        var logs = new CapturingLoggerFactory();
        using var store = Open(new SqlStoreOptions
        {
            LoggerFactory = logs,
            ExtraFields = [new SqlExtraField("share", StoreColumnKind.Integer, o => ((ColumnEdges)o).Real)],
        });
        var whole = store.Save(new ColumnEdges { Real = 2.0, Letter = 'x' });
        var fraction = store.Save(new ColumnEdges { Real = 2.5, Letter = 'x' });

        Assert.Equal(2L, Convert.ToInt64(Column("share", whole)));
        Assert.Null(Column("share", fraction)); // before, 2: Convert.ToInt64 rounds to the nearest even number
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Exception is FormatException && e.Exception.Message.Contains("2.5 is not a whole number", StringComparison.Ordinal));
        Assert.Equal([whole], store.ListWhere("share", 2.0));
        Assert.Equal([whole], store.ListWhere("share", 2m));
        Assert.Contains("not a whole number", Assert.Throws<ArgumentException>(() => store.ListWhere("share", 2.5)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => store.ListWhere("share", 1.5m));
        Assert.Throws<ArgumentException>(() => store.ListWhere("share", 1e19));
    }

    [Fact]
    public void A_time_whose_text_would_drop_its_fraction_is_left_out_of_a_text_column_and_refused_by_ListWhere()
    {
        var logs = new CapturingLoggerFactory();
        using var store = Open(new SqlStoreOptions
        {
            LoggerFactory = logs,
            ExtraFields =
            [
                new SqlExtraField("started", StoreColumnKind.Text, o => ((ColumnEdges)o).When),
                new SqlExtraField("clock", StoreColumnKind.Text, o => TimeOnly.FromDateTime(((ColumnEdges)o).When)),
            ],
        });
        var whole = new DateTime(2026, 12, 3, 9, 30, 0, DateTimeKind.Utc);
        var onTheMinute = store.Save(new ColumnEdges { When = whole, Letter = 'x' });
        var withSeconds = store.Save(new ColumnEdges { When = whole.AddSeconds(5), Letter = 'x' });
        var withMilliseconds = store.Save(new ColumnEdges { When = whole.AddMilliseconds(250), Letter = 'x' });

        // Whole values keep the invariant text they always had, so rows saved before still match.
        Assert.Equal("12/03/2026 09:30:00", Column("started", onTheMinute));
        Assert.Equal("12/03/2026 09:30:05", Column("started", withSeconds));
        Assert.Equal("09:30", Column("clock", onTheMinute));

        // Before, "12/03/2026 09:30:00" and "09:30": ListWhere(whole) answered all three records.
        Assert.Null(Column("started", withMilliseconds));
        Assert.Null(Column("clock", withSeconds));
        Assert.Null(Column("clock", withMilliseconds));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Exception is FormatException && e.Exception.Message.Contains("fraction of a second", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Exception is FormatException && e.Exception.Message.Contains("fraction of a minute", StringComparison.Ordinal));
        Assert.Equal([onTheMinute], store.ListWhere("started", whole));
        Assert.Equal([onTheMinute], store.ListWhere("clock", TimeOnly.FromDateTime(whole)));
        Assert.Contains("fraction of a second", Assert.Throws<ArgumentException>(() => store.ListWhere("started", whole.AddMilliseconds(250))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => store.ListWhere("started", new DateTimeOffset(whole).AddTicks(1)));
        Assert.Throws<ArgumentException>(() => store.ListWhere("clock", new TimeOnly(9, 30, 5)));
    }

    [Fact]
    public void A_whole_number_a_real_column_would_round_is_left_out_and_refused_by_ListWhere()
    {
        var logs = new CapturingLoggerFactory();
        using var store = Open(new SqlStoreOptions
        {
            LoggerFactory = logs,
            ExtraFields = [new SqlExtraField("size", StoreColumnKind.Real, o => (long)((ColumnEdges)o).Big)],
        });
        const long exact = 1L << 53;
        var fits = store.Save(new ColumnEdges { Big = exact, Letter = 'x' });
        var rounds = store.Save(new ColumnEdges { Big = exact + 1, Letter = 'x' });

        Assert.Equal(9007199254740992d, Convert.ToDouble(Column("size", fits), CultureInfo.InvariantCulture));
        Assert.Null(Column("size", rounds)); // before, 2^53 too: ListWhere(2^53) answered both records
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Exception is FormatException && e.Exception.Message.Contains("9007199254740993 is a whole number a real column would round", StringComparison.Ordinal));
        Assert.Equal([fits], store.ListWhere("size", exact));
        Assert.Equal([fits], store.ListWhere("size", 9007199254740992d));
        Assert.Throws<ArgumentException>(() => store.ListWhere("size", exact + 1));
        Assert.Throws<ArgumentException>(() => store.ListWhere("size", long.MaxValue));
        Assert.Throws<ArgumentException>(() => store.ListWhere("size", ulong.MaxValue));
    }

    private object? Column(string column, Id id)
        => Scalar($"SELECT \"{column}\" FROM \"{Table}\" WHERE id = @id", ("@id", id.ToString()));
}
