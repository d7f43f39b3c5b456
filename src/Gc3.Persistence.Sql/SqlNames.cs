using System.Text.RegularExpressions;

namespace Gc3.Persistence.Sql;

/// <summary>
/// Checks the table and column names a SQL store puts into its statements. Names are always
/// quoted as well, but only plain identifiers are accepted, so a name can never carry SQL and
/// reads the same in SQLite and PostgreSQL.
/// </summary>
public static partial class SqlNames
{
    /// <summary>The table a store uses when neither the URI nor the options name one.</summary>
    public const string DefaultTable = "store";

    /// <summary>
    /// The longest table name: PostgreSQL keeps 63 bytes of an identifier, and the store adds a
    /// suffix of up to 8 characters for its ID counter table (<c>NAME_ids</c>).
    /// </summary>
    public const int MaxTableNameLength = 55;

    /// <summary>The longest column name (PostgreSQL's identifier limit).</summary>
    public const int MaxColumnNameLength = 63;

    /// <summary>The columns every store table has; no declared or extra column may take these names.</summary>
    public static IReadOnlyList<string> ReservedColumns { get; } = ["id", "prefix", "seqno", "tag", "data", "version"];

    /// <summary>Throws an <see cref="ArgumentException"/> that says what is wrong unless <paramref name="name"/> can name a store table.</summary>
    public static string ValidateTable(string? name, string paramName)
    {
        if (name is null || !IdentifierPattern().IsMatch(name) || name.Length > MaxTableNameLength)
        {
            throw new ArgumentException(
                $"'{Id.Escape(name ?? "(null)")}' is not a valid table name: use 1 to {MaxTableNameLength} ASCII letters, digits or '_', starting with a letter or '_'.",
                paramName);
        }

        return name;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> unless <paramref name="name"/> can name an extra or declared column.</summary>
    public static string ValidateColumn(string? name, string paramName)
    {
        if (name is null || !IdentifierPattern().IsMatch(name) || name.Length > MaxColumnNameLength)
        {
            throw new ArgumentException(
                $"'{Id.Escape(name ?? "(null)")}' is not a valid column name: use 1 to {MaxColumnNameLength} ASCII letters, digits or '_', starting with a letter or '_'.",
                paramName);
        }

        if (ReservedColumns.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"The column name '{name}' is taken by the store itself (its columns are {string.Join(", ", ReservedColumns)} and state); choose another.",
                paramName);
        }

        return name;
    }

    /// <summary>
    /// The table a store URI names in its fragment, <c>#table=NAME</c>; <see langword="null"/> when
    /// the URI has no fragment. Throws an <see cref="ArgumentException"/> for any other fragment or a bad name.
    /// </summary>
    public static string? TableFromUriFragment(string? fragment)
    {
        var text = fragment?.TrimStart('#');
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        const string key = "table=";
        if (!text.StartsWith(key, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'#{Id.Escape(text)}' is not a store URI fragment this store understands: use #table=NAME.", "uri");
        }

        return ValidateTable(Uri.UnescapeDataString(text[key.Length..]), "uri");
    }

    /// <summary>Whether <paramref name="name"/> is a plain identifier (letters, digits, '_').</summary>
    public static bool IsIdentifier(string name) => IdentifierPattern().IsMatch(name);

    /// <summary>Whether <paramref name="sqlType"/> looks like a type name (<c>TEXT</c>, <c>double precision</c>, <c>NUMERIC(10, 2)</c>) and nothing more.</summary>
    public static bool IsSafeTypeName(string sqlType) => sqlType.Length <= 64 && TypeNamePattern().IsMatch(sqlType);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_ ]*(\( *[0-9]+ *(, *[0-9]+ *)?\))?$")]
    private static partial Regex TypeNamePattern();
}
