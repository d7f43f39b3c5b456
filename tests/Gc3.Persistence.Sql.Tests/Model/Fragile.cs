namespace Gc3.Persistence.Sql.Tests.Model;

/// <summary>A computed column that throws when <see cref="Text"/> is null: the save must still succeed.</summary>
[Persistable("sqltest.fragile")]
public partial class Fragile
{
    public string? Text { get; set; }

    [StoreColumn("text_length")]
    public int TextLength => Text!.Length;
}
