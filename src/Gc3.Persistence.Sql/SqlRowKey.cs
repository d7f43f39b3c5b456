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
        seqNo = 0;
        if (reader.IsDBNull(ordinal) || reader.IsDBNull(ordinal + 1)
            || reader.GetFieldType(ordinal) != typeof(string) || !IsWholeNumber(reader.GetFieldType(ordinal + 1)))
        {
            return false;
        }

        var read = reader.GetString(ordinal);
        prefix = read == lastPrefix ? lastPrefix : read;
        seqNo = reader.GetInt64(ordinal + 1);
        return seqNo >= 0 && (ReferenceEquals(prefix, lastPrefix) || Id.IsValidPrefix(prefix));
    }

    /// <summary>The row's prefix and number as stored, for a warning about a row that makes no ID.</summary>
    public static string Describe(DbDataReader reader, int ordinal)
        => $"prefix {Show(reader, ordinal)}, number {Show(reader, ordinal + 1)}";

    /// <summary>The value of a key column as stored, to page on after it (a forged value in its own type).</summary>
    public static object Raw(DbDataReader reader, int ordinal) => reader.GetValue(ordinal);

    private static bool IsWholeNumber(Type type) => Type.GetTypeCode(type) is TypeCode.Int64 or TypeCode.Int32 or TypeCode.Int16;

    /// <summary>Whether column <paramref name="ordinal"/> holds a whole number (not NULL, text or a real number): the version too.</summary>
    public static bool IsWholeNumber(DbDataReader reader, int ordinal) => !reader.IsDBNull(ordinal) && IsWholeNumber(reader.GetFieldType(ordinal));

    /// <summary>A column's value as stored, for a message: NULL, quoted text (shortened), a blob's length, or a number and its type.</summary>
    public static string Show(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        DBNull => "NULL",
        string text => $"'{Id.Escape(text.Length > 40 ? text[..40] + "..." : text)}'",
        byte[] bytes => $"a blob of {bytes.Length} bytes",
        var value => $"{Convert.ToString(value, CultureInfo.InvariantCulture)} ({value.GetType().Name})",
    };
}
