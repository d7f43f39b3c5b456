namespace Gc3.Persistence.Sql.Tests.Model;

/// <summary>A text of any length in the built-in <c>state</c> column, which the store reads up to 64 KiB.</summary>
[Persistable("sqltest.status")]
public partial class Status
{
    [StoreColumn("state")]
    public string? Text { get; set; }
}
