namespace Gc3.Persistence.Sql;

/// <summary>Settings of the SQL stores (SQLite, PostgreSQL), on top of those every store has.</summary>
public class SqlStoreOptions : StoreOptions
{
    /// <summary>
    /// The table that holds the records; it wins over <c>#table=NAME</c> in the URI. <see langword="null"/>:
    /// the URI's table, else <see cref="SqlNames.DefaultTable"/>. The store creates the table, an ID
    /// counter table <c>NAME_ids</c> and its indexes when they are missing.
    /// </summary>
    public string? TableName { get; init; }

    /// <summary>Columns computed at run time from every saved object (gc3's <c>extra_fields</c>).</summary>
    public IReadOnlyList<SqlExtraField> ExtraFields { get; init; } = [];
}
