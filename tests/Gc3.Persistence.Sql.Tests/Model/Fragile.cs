namespace Gc3.Persistence.Sql.Tests.Model;

/// <summary>A computed column that throws when <see cref="Text"/> is null: the save must still succeed, and fill the other columns.</summary>
[Persistable("sqltest.fragile")]
public partial class Fragile
{
    public string? Text { get; set; }

    [StoreColumn("text_length")]
    public int TextLength => Text!.Length;

    /// <summary>A column after the one that throws: it is still filled.</summary>
    [StoreColumn("state")]
    public string? Kind { get; set; }
}
