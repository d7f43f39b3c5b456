namespace Gc3.Persistence.Sql;

/// <summary>
/// Reads the ID a row's <c>prefix</c> and <c>seqno</c> columns make, and checks its version. SQLite's columns are loosely typed: a forged row
/// may hold text, a real number or a blob where the number goes (which <see cref="DbDataReader.GetInt64"/> would read
/// as 0, or the nearest whole number), or a blob for the prefix; such a row makes no ID.
/// </summary>
/// <remarks>
/// A listing selects the key as <see cref="SqlTableLayout.KeyColumns"/> does: the prefix and the number, each NULL when
/// longer than any ID's (a forged value of any length is never fetched whole), then the lengths of those not read.
/// </remarks>
internal static class SqlRowKey
{
    /// <summary>The longest prefix a listing reads, in bytes: an ID's, whose prefix is ASCII.</summary>
    public const int MaxPrefixBytes = Id.MaxPrefixLength;

    /// <summary>The longest number a listing reads as text, in bytes: the digits and sign of a 64-bit number.</summary>
    public const int MaxNumberBytes = 20;

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

    /// <summary>
    /// Whether the row's prefix or number at <paramref name="ordinal"/> was too long to be read (no ID has such a key): a
    /// listing cannot page on after it, as it does after a forged key it read (<see cref="Raw"/>).
    /// </summary>
    public static bool IsUnread(DbDataReader reader, int ordinal) => IsUnread(reader, ordinal, 0) || IsUnread(reader, ordinal, 1);

    /// <summary>The row's prefix and number as stored (the length of one too long to be read), for a warning about a row that makes no ID.</summary>
    public static string Describe(DbDataReader reader, int ordinal)
        => $"prefix {ShowKey(reader, ordinal, 0)}, number {ShowKey(reader, ordinal, 1)}";

    /// <summary>The value of a key column as stored, to page on after it (a forged value in its own type).</summary>
    public static object Raw(DbDataReader reader, int ordinal) => reader.GetValue(ordinal);

    /// <summary>A column's value as stored, for a message (see <see cref="Show(object)"/>).</summary>
    public static string Show(DbDataReader reader, int ordinal) => Show(reader.GetValue(ordinal));

    // Key column 'part' (0 the prefix, 1 the number) was too long to be read: NULL, with its length two columns on.
    private static bool IsUnread(DbDataReader reader, int ordinal, int part) => reader.IsDBNull(ordinal + part) && !reader.IsDBNull(ordinal + 2 + part);

    private static string ShowKey(DbDataReader reader, int ordinal, int part) => Show(reader, ordinal + part, ordinal + 2 + part);

    /// <summary>
    /// A column's value as stored, for a message, read only when short enough (<see cref="SqlDialect.BoundedNumber"/>):
    /// NULL in <paramref name="ordinal"/> with a length in <paramref name="lengthOrdinal"/> is a value of that many bytes.
    /// </summary>
    public static string Show(DbDataReader reader, int ordinal, int lengthOrdinal)
        => reader.IsDBNull(ordinal) && !reader.IsDBNull(lengthOrdinal) ? $"a value of {reader.GetInt64(lengthOrdinal)} bytes" : Show(reader, ordinal);

    /// <summary>A stored value, for a message: NULL, quoted text (shortened), a blob's length, or a number and its type.</summary>
    public static string Show(object value) => value switch
    {
        DBNull => "NULL",
        string text => $"'{Id.Escape(text.Length > 40 ? text[..40] + "..." : text)}'",
        byte[] bytes => $"a blob of {bytes.Length} bytes",
        var number => $"{Convert.ToString(number, CultureInfo.InvariantCulture)} ({number.GetType().Name})",
    };
}
