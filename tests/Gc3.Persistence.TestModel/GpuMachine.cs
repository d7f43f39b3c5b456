namespace Gc3.Persistence.TestModel;

[Persistable]
public sealed partial class GpuMachine : Machine
{
    public partial string Gpu { get; set; }
}
