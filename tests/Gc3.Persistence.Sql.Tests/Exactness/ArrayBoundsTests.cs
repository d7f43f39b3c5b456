namespace Gc3.Persistence.Sql.Tests.Exactness;

/// <summary>
/// A record keeps a multidimensional array's lengths, not its lower bounds: an array that does not start at index 0
/// (<c>Array.CreateInstance(type, lengths, lowerBounds)</c>) would load zero-based, so its save fails and writes nothing.
/// </summary>
public sealed class ArrayBoundsTests() : TemporaryDirectoryTests("bounds")
{
    public static TheoryData<string> Members => ["Cells", "Layers", "Frames"];

    [Fact]
    public void Zero_based_arrays_come_back_with_their_lengths_and_elements()
    {
        using var store = StoreFactory.Make("file://" + Folder.Combine("grids"));
        var grid = new Grid { Cells = new[,] { { 1, 2, 3 }, { 4, 5, 6 } }, Layers = new string[2, 1, 2], Frames = [new double[,] { { -0.0 } }] };
        grid.Layers[1, 0, 1] = "x";

        var loaded = store.Load<Grid>(store.Save(grid));

        Assert.Equal(grid.Cells, loaded.Cells);
        Assert.Equal(grid.Layers, loaded.Layers);
        Assert.True(double.IsNegative(Assert.Single(loaded.Frames)[0, 0]));
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void An_array_with_other_lower_bounds_fails_the_save_and_the_stored_record_stays(string member)
    {
        using var store = StoreFactory.Make("file://" + Folder.Combine("grids"));
        var grid = new Grid { Cells = new[,] { { 7 } } };
        var id = store.Save(grid);

        switch (member)
        {
            case "Cells":
                grid.Cells = (int[,])Array.CreateInstance(typeof(int), [2, 2], [1, 0]);
                break;
            case "Layers":
                grid.Layers = (string[,,])Array.CreateInstance(typeof(string), [1, 1, 1], [0, 0, -3]);
                break;
            default:
                grid.Frames.Add((double[,])Array.CreateInstance(typeof(double), [1, 1], [5, 5]));
                break;
        }

        var stored = RefusedSave.AssertRefused(store, grid, id, "lower bounds", "file://" + Folder.Combine("grids"));

        Assert.Equal(new[,] { { 7 } }, stored.Cells);
        Assert.Null(stored.Layers);
        Assert.Empty(stored.Frames);
    }
}
