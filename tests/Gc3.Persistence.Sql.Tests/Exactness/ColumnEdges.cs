namespace Gc3.Persistence.Sql.Tests.Exactness;

/// <summary>[StoreColumn] members whose values a column may not hold exactly: a ulong past long.MaxValue, text with U+0000 or a lone surrogate, NaN; a decimal and a time, which a column holds only as precisely as its SQL type.</summary>
[Persistable("sqltest.column-edges")]
public partial class ColumnEdges
{
    [StoreColumn]
    public ulong Big { get; set; }

    [StoreColumn]
    public string? Text { get; set; }

    [StoreColumn]
    public char Letter { get; set; }

    [StoreColumn]
    public double Real { get; set; }

    [StoreColumn]
    public decimal Money { get; set; }

    [StoreColumn]
    public DateTime When { get; set; }
}
