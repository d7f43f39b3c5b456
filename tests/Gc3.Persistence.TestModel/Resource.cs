namespace Gc3.Persistence.TestModel;

/// <summary>The base of a hierarchy; abstract, so only its derived types have records.</summary>
[Persistable]
public abstract partial class Resource
{
    public partial string Name { get; set; }
}
