namespace Gc3.Persistence.TestModel;

/// <summary>Version 2 of a type whose reading's enum only gained a member at its end since version 1.</summary>
[Persistable("schema.appended")]
public partial class AppendedLog
{
    public Reading Last { get; set; }
}
