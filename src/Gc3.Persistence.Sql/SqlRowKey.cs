namespace Gc3.Persistence.Sql;

/// <summary>
/// Reads the ID a row's <c>prefix</c> and <c>seqno</c> columns make, and checks its version. SQLite's columns are loosely typed: a forged row
/// may hold text, a real number or a blob where the number goes (which <see cref="DbDataReader.GetInt64"/> would read
/// as 0, or the nearest whole number), or a blob for the prefix; such a row makes no ID.
/// </summary>
internal static class SqlRowKey
{
    /// <summary>
    /// The row's prefix and number at <paramref name="ordinal"/> and the next column, when they are a valid prefix and
    /// a whole number not below 0; <paramref name="prefix"/> is <paramref name="lastPrefix"/> when equal to it, so
    /// consecutive rows share one string.
    /// </summary>
    public static bool TryRead(DbDataReader reader, int ordinal, string? lastPrefix, out string prefix, out long seqNo)
    {
        prefix = string.Empty;
        if (!TryReadWholeNumber(reader, ordinal + 1, out seqNo) || reader.IsDBNull(ordinal) || reader.GetFieldType(ordinal) != typeof(string))
        {
            return false;
        }

        var read = reader.GetString(ordinal);
        prefix = read == lastPrefix ? lastPrefix : read;
        return seqNo >= 0 && (ReferenceEquals(prefix, lastPrefix) || Id.IsValidPrefix(prefix));
    }

    /// <summary>
    /// The whole number in column <paramref name="ordinal"/> (the number of an ID, a version); false for NULL, a real
    /// number, a blob or text other than a whole number's decimal digits (which a column declared TEXT in a table made
    /// by hand holds: SQLite stores numbers there as text).
    /// </summary>
    public static bool TryReadWholeNumber(DbDataReader reader, int ordinal, out long value)
    {
        value = 0;
        if (reader.IsDBNull(ordinal))
        {
            return false;
        }

        var type = reader.GetFieldType(ordinal);
        if (Type.GetTypeCode(type) is TypeCode.Int64 or TypeCode.Int32 or TypeCode.Int16)
        {
            value = reader.GetInt64(ordinal);
            return true;
        }

        return type == typeof(string) && reader.GetString(ordinal) is var text
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            && value.ToString(CultureInfo.InvariantCulture) == text;
    }

    /// <summary>The row's prefix and number as stored, for a warning about a row that makes no ID.</summary>
    public static string Describe(DbDataReader reader, int ordinal)
        => $"prefix {Show(reader, ordinal)}, number {Show(reader, ordinal + 1)}";

    /// <summary>The value of a key column as stored, to page on after it (a forged value in its own type).</summary>
    public static object Raw(DbDataReader reader, int ordinal) => reader.GetValue(ordinal);

    /// <summary>A column's value as stored, for a message (see <see cref="Show(object)"/>).</summary>
    public static string Show(DbDataReader reader, int ordinal) => Show(reader.GetValue(ordinal));

    /// <summary>A stored value, for a message: NULL, quoted text (shortened), a blob's length, or a number and its type.</summary>
    public static string Show(object value) => value switch
    {
        DBNull => "NULL",
        string text => $"'{Id.Escape(text.Length > 40 ? text[..40] + "..." : text)}'",
        byte[] bytes => $"a blob of {bytes.Length} bytes",
        var number => $"{Convert.ToString(number, CultureInfo.InvariantCulture)} ({number.GetType().Name})",
    };
}
