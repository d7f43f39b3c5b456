namespace Gc3.Persistence.Sql;

/// <summary>
/// A column a SQL store fills at run time from every object it saves, as gc3's <c>extra_fields</c>
/// do: <see cref="Value"/> is called with the object; when it throws (for example, because the
/// object is of another type), the store logs the exception and leaves the column null.
/// </summary>
/// <remarks>
/// For members of your own types, <see cref="StoreColumnAttribute"/> does the same at compile time
/// without a delegate. Every extra column gets an index, so <see cref="SqlStore.ListWhere"/> on it is fast.
/// </remarks>
public sealed record SqlExtraField
{
    /// <summary>Declares an extra column.</summary>
    /// <param name="name">The column name: ASCII letters, digits and '_', not one of <see cref="SqlNames.ReservedColumns"/>.</param>
    /// <param name="kind">What the column holds; decides how values are converted and bound.</param>
    /// <param name="value">Computes the column's value from a saved object; <see langword="null"/> for SQL NULL.</param>
    /// <param name="sqlType">
    /// The SQL type used when the store creates the column (for example <c>VARCHAR(64)</c>); <see langword="null"/>
    /// for the store's type for <paramref name="kind"/>. Letters, digits, spaces, '_' and one parenthesized size.
    /// </param>
    public SqlExtraField(string name, StoreColumnKind kind, Func<object, object?> value, string? sqlType = null)
    {
        SqlNames.ValidateColumn(name, nameof(name));
        ArgumentNullException.ThrowIfNull(value);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a StoreColumnKind.");
        }

        if (sqlType is not null && !SqlNames.IsSafeTypeName(sqlType))
        {
            throw new ArgumentException(
                $"'{Id.Escape(sqlType)}' is not an SQL type this store accepts: use letters, digits, spaces and '_', with at most one size in parentheses, such as VARCHAR(64) or NUMERIC(10, 2).",
                nameof(sqlType));
        }

        Name = name;
        Kind = kind;
        Value = value;
        SqlType = sqlType;
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>What the column holds.</summary>
    public StoreColumnKind Kind { get; }

    /// <summary>Computes the column's value from a saved object.</summary>
    public Func<object, object?> Value { get; }

    /// <summary>The SQL type for the column, or <see langword="null"/> for the store's type for <see cref="Kind"/>.</summary>
    public string? SqlType { get; }
}
