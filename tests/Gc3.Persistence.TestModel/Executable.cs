namespace Gc3.Persistence.TestModel;

/// <summary>Fully change-tracked: every member is a partial property of an immutable type.</summary>
[Persistable]
public partial class Executable
{
    public partial string Path { get; set; }

    public partial string Version { get; set; }

    public partial string Checksum { get; set; }
}
