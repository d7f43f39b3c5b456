namespace Gc3.Persistence.TestModel;

/// <summary>Version 1 stored <c>EvolvedKind</c> of version 1, which had a member <c>Archived</c>.</summary>
[Persistable("schema.broken-enum")]
public partial class BrokenEnumChange
{
    /// <summary>The enum lost the stored name and marks no member for unknown names.</summary>
    public EvolvedKind Kind { get; set; }
}
