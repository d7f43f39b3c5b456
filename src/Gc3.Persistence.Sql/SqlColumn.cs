namespace Gc3.Persistence.Sql;

/// <summary>
/// A column of a store table that holds a value computed from the saved object: the built-in
/// <c>state</c>, a <see cref="StoreColumnAttribute"/> column, or a <see cref="SqlExtraField"/>.
/// </summary>
/// <param name="Name">The column name.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="SqlType">Its SQL type, used when the store creates it.</param>
/// <param name="Extra">The extra field that computes it, or <see langword="null"/> for <c>state</c> and declared columns.</param>
internal sealed record SqlColumn(string Name, StoreColumnKind Kind, string SqlType, SqlExtraField? Extra)
{
    /// <summary>The built-in column that gc3 fills with a job's state.</summary>
    public const string StateName = "state";

    /// <summary>
    /// The longest <c>state</c> the store reads, in bytes: gc3 keeps a state's name there. A longer value (forged: a save
    /// leaves the column NULL instead, with a warning) is read as a damaged row, never fetched.
    /// </summary>
    public const int MaxStateBytes = 64 << 10;

    public bool IsState => string.Equals(Name, StateName, StringComparison.OrdinalIgnoreCase);
}
