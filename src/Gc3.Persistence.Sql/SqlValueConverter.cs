namespace Gc3.Persistence.Sql;

/// <summary>
/// Turns a column value (from generated code, an extra field, or a <see cref="SqlStore.ListWhere"/>
/// argument) into what the column's kind binds: text, a 64-bit integer, a double, or a UTC
/// <see cref="DateTime"/>. A query value is converted the same way as a stored one, so
/// <c>ListWhere("state", JobState.Running)</c> finds the rows whose state was saved from that enum.
/// </summary>
internal static class SqlValueConverter
{
    /// <summary>The value to bind, or <see cref="DBNull.Value"/>; throws <see cref="FormatException"/>, <see cref="InvalidCastException"/> or <see cref="OverflowException"/> when it does not fit.</summary>
    public static object ToDb(object? value, StoreColumnKind kind) => value is null or DBNull ? DBNull.Value : kind switch
    {
        StoreColumnKind.Text => ToText(value),
        StoreColumnKind.Integer => ToInteger(value),
        StoreColumnKind.Real => Convert.ToDouble(value, CultureInfo.InvariantCulture),
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
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static long ToInteger(object value) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture),
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };
}
