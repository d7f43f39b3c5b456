namespace Gc3.Persistence.Sql.Tests.Exactness;

/// <summary>Multidimensional arrays: as members, and inside a list.</summary>
[Persistable]
public partial class Grid
{
    public int[,]? Cells { get; set; }

    public string[,,]? Layers { get; set; }

    public List<double[,]> Frames { get; set; } = [];
}
