namespace Gc3.Persistence.TestModel;

/// <summary>Version 1 stored <c>int? Value = null</c>.</summary>
[Persistable("schema.broken-null")]
public partial class BrokenNullChange
{
    /// <summary>Was <c>int?</c>: a stored null does not load.</summary>
    public int Value { get; set; }
}
