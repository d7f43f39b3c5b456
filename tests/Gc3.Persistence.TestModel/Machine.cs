namespace Gc3.Persistence.TestModel;

[Persistable]
public partial class Machine : Resource
{
    public partial int Cores { get; set; }
}
