namespace Gc3.Persistence.TestModel;

/// <summary>Version 2 of types whose version 1 records no resolution rule loads (see <see cref="EvolvedJob"/>).</summary>
[Persistable("schema.broken-type")]
public partial class BrokenTypeChange
{
    /// <summary>Was <c>string</c>: no rule converts a string to a number.</summary>
    public int Name { get; set; }
}
