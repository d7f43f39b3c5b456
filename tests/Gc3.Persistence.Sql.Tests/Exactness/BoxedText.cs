namespace Gc3.Persistence.Sql.Tests.Exactness;

/// <summary>A persistable type holding a [MemoryPackable] value with a string.</summary>
[Persistable("sqltest.boxed-text")]
public partial class BoxedText
{
    public TextBox? Box { get; set; }
}
