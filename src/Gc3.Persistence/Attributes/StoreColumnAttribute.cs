namespace Gc3.Persistence;

/// <summary>
/// Copies a scalar member (or a get-only computed property) of a persistable type into a column of
/// its own in the SQL stores, next to the record, so that records can be queried by it. The column
/// named <c>state</c> is the store's built-in state column.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class StoreColumnAttribute : Attribute
{
    /// <summary>A column named after the member, in lower case.</summary>
    public StoreColumnAttribute()
    {
    }

    /// <summary>A column with the given name.</summary>
    public StoreColumnAttribute(string name) => Name = name;

    /// <summary>The column name; <see langword="null"/> means the member name in lower case.</summary>
    public string? Name { get; }
}
