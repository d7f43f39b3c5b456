namespace Gc3.Persistence.TestModel;

/// <summary>Version 1: its reading's enum only gains a member at the end in version 2, so its records load.</summary>
[Persistable("schema.appended")]
public partial class AppendedLog
{
    public Reading Last { get; set; }
}
