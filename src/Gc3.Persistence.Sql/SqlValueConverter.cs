namespace Gc3.Persistence.Sql;

/// <summary>
/// Turns a column value (from generated code, an extra field, or a <see cref="SqlStore.ListWhere"/>
/// argument) into what the column's kind binds: text, a 64-bit integer, a double, or a UTC
/// <see cref="DateTime"/>. A query value is converted the same way as a stored one, so
/// <c>ListWhere("state", JobState.Running)</c> finds the rows whose state was saved from that enum.
/// A value the column cannot hold exactly (text with a lone surrogate, or with U+0000 in PostgreSQL;
/// NaN in SQLite; an integer past <see cref="long.MaxValue"/>; a fraction for an integer column; a whole number a
/// real column would round; a time whose invariant text drops its fraction) is refused rather than stored changed.
/// </summary>
internal static class SqlValueConverter
{
    /// <summary>The value to bind, or <see cref="DBNull.Value"/>; throws <see cref="FormatException"/>, <see cref="InvalidCastException"/> or <see cref="OverflowException"/> when it does not fit.</summary>
    public static object ToDb(object? value, StoreColumnKind kind, SqlDialect dialect) => value is null or DBNull ? DBNull.Value : kind switch
    {
        StoreColumnKind.Text => CheckText(ToText(value), dialect),
        StoreColumnKind.Integer => ToInteger(value),
        StoreColumnKind.Real => CheckReal(ToReal(value), dialect),
        StoreColumnKind.Timestamp => ToUtc(value),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a StoreColumnKind."),
    };

    /// <summary>
    /// A point in time as UTC: a <see cref="DateTimeKind.Local"/> time is converted, an
    /// <see cref="DateTimeKind.Unspecified"/> one is taken to be UTC already.
    /// </summary>
    public static DateTime ToUtc(object value) => value switch
    {
        DateTime { Kind: DateTimeKind.Utc } utc => utc,
        DateTime { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        DateTime unspecified => DateTime.SpecifyKind(unspecified, DateTimeKind.Utc),
        DateTimeOffset offset => offset.UtcDateTime,
        string text => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        _ => throw new InvalidCastException($"A {value.GetType().Name} is not a point in time."),
    };

    private static string ToText(object value) => value switch
    {
        string text => text,
        Enum e => e.ToString(),
        DateTime time => WholeText(time, time.Ticks, TimeSpan.TicksPerSecond, "second"),
        DateTimeOffset time => WholeText(time, time.Ticks, TimeSpan.TicksPerSecond, "second"),
        TimeOnly time => WholeText(time, time.Ticks, TimeSpan.TicksPerMinute, "minute"),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // A database's text is Unicode: a lone surrogate would be refused (PostgreSQL) or replaced by U+FFFD (SQLite),
    // which would make the column hold, and ListWhere match, another string.
    private static string CheckText(string text, SqlDialect dialect)
    {
        if (Utf16Text.IndexOfLoneSurrogate(text) is var at and >= 0)
        {
            throw new FormatException($"The text holds the lone surrogate U+{(int)text[at]:X4} at index {at}, which no text column holds.");
        }

        if (!dialect.TextHoldsNul && text.Contains('\0', StringComparison.Ordinal))
        {
            throw new FormatException($"The text holds the character U+0000 at index {text.IndexOf('\0', StringComparison.Ordinal)}, which a text column of this database cannot hold.");
        }

        return text;
    }

    // The invariant text of a point in time (its "G" form) stops at the second, and a TimeOnly's at the minute: a
    // later fraction made the column hold, and ListWhere match, another time. Whole values keep the text they always had.
    private static string WholeText(IFormattable time, long ticks, long ticksPerUnit, string unit)
        => ticks % ticksPerUnit == 0
            ? time.ToString(null, CultureInfo.InvariantCulture)
            : throw new FormatException($"{time.ToString("O", CultureInfo.InvariantCulture)} has a fraction of a {unit}, which its text in a text column would drop: give the column a string (for example ToString(\"O\")), or make it a timestamp column.");

    // A double holds every whole number up to 2^53 and only some past it: a long past it was rounded, so two different
    // numbers were one value to ListWhere. Integers are checked to come back unchanged; float, double and decimal are
    // held as doubles by design (docs/stores.md).
    private static double ToReal(object value)
    {
        var real = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        var exact = value switch
        {
            long l => real < 9223372036854775808d && (long)real == l,
            ulong u => real < 18446744073709551616d && (ulong)real == u,
            _ => true,
        };
        return exact ? real : throw new FormatException($"{Convert.ToString(value, CultureInfo.InvariantCulture)} is a whole number a real column would round to {real.ToString("R", CultureInfo.InvariantCulture)}: make the column an integer column.");
    }

    private static double CheckReal(double value, SqlDialect dialect)
        => double.IsNaN(value) && !dialect.RealHoldsNaN ? throw new FormatException("NaN, which a real column of this database cannot hold.") : value;

    private static long ToInteger(object value) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture),
        double or float or Half or decimal => WholeNumber(value),
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    // Convert.ToInt64 rounds a fraction to the nearest even number: an extra field giving 2.5 stored 2, and
    // ListWhere("cores", 2.5) answered the rows holding 2.
    private static long WholeNumber(object value)
    {
        if (value is decimal d)
        {
            return decimal.IsInteger(d) ? decimal.ToInt64(d) : throw NotWhole(value);
        }

        var x = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        return double.IsInteger(x) ? checked((long)x) : throw NotWhole(value);
    }

    private static FormatException NotWhole(object value)
        => new($"{Convert.ToString(value, CultureInfo.InvariantCulture)} is not a whole number, which an integer column holds.");
}
