namespace Gc3.Persistence.Tests;

/// <summary>
/// Records written by version 1 of a type (<c>Records/v1</c>, written by <c>Records/v1/TaskV1.cs.txt</c>)
/// load into version 2 (<see cref="EvolvedTask"/>): class renamed keeping its tag, a member removed,
/// a member added, a member renamed keeping its stored name.
/// </summary>
public sealed class EvolutionTests : TemporaryDirectoryTests
{
    public EvolutionTests()
        : base("evolution")
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Records", "v1")).Where(f => !f.EndsWith(".txt", StringComparison.Ordinal)))
        {
            File.Copy(file, Folder.Combine(Path.GetFileName(file)));
        }
    }

    [Fact]
    public void Version_1_records_load_into_the_renamed_and_changed_class()
    {
        using var store = new FilesystemStore(Folder.Path);

        var first = store.Load<EvolvedTask>(Id.Parse("TaskV1.1"));
        var second = store.Load<EvolvedTask>(Id.Parse("TaskV1.3"));

        Assert.Equal("first", first.Name);              // stored as Title
        Assert.Equal(2, first.Attempts);                // unchanged
        Assert.Equal(5, first.Priority);                // added: keeps its default
        Assert.Equal(["fetch", "run"], first.Steps);
        Assert.Equal("/usr/bin/gc3-tool", first.Tool!.Path);
        Assert.Same(first.Tool, second.Tool);           // the reference still resolves, shared
        Assert.Equal("second", second.Name);
    }

    [Fact]
    public void A_version_1_record_saved_again_is_written_in_the_new_layout_under_its_old_id()
    {
        using (var store = new FilesystemStore(Folder.Path))
        {
            var task = store.Load<EvolvedTask>(Id.Parse("TaskV1.1"));
            task.Priority = 1;
            store.Save(task);
        }

        using var reopened = new FilesystemStore(Folder.Path);
        var reloaded = reopened.Load<EvolvedTask>(Id.Parse("TaskV1.1"));
        Assert.Equal(("first", 1), (reloaded.Name, reloaded.Priority));
        Assert.Equal(4, reopened.Save(new EvolvedTask { Name = "new" }).SeqNo); // the counter carried over
    }
}
