namespace Gc3.Persistence.TestModel;

[Persistable]
public partial class JobCollection
{
    public string Name { get; set; } = "";

    public List<Job> Jobs { get; set; } = [];
}
