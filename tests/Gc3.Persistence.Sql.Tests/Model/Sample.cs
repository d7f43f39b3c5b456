namespace Gc3.Persistence.Sql.Tests.Model;

/// <summary>One [StoreColumn] of every kind, plus a computed get-only one.</summary>
[Persistable("sqltest.sample")]
public partial class Sample
{
    [StoreColumn]
    public int Count { get; set; }

    [StoreColumn("score")]
    public double Score { get; set; }

    [StoreColumn]
    public DateTime Taken { get; set; }

    [StoreColumn]
    public string? Label { get; set; }

    [StoreColumn]
    public bool Flag { get; set; }

    [StoreColumn("label_length")]
    public int LabelLength => Label?.Length ?? 0;
}
