namespace Gc3.Persistence.Tests.QuickStart;

// The README's quick start, verbatim but for the store's directory: it must keep doing what it says.
[Persistable("job")]
public partial class Job
{
    public partial string Name { get; set; }

    public partial JobState State { get; set; }

    public List<string> Arguments { get; set; } = [];

    public partial Executable? Executable { get; set; }
}

[Persistable("executable")]
public partial class Executable
{
    public partial string Path { get; set; }
}

public enum JobState
{
    New,
    Running,
    Done,
}

public class QuickStartTests
{
    [Fact]
    public void The_readme_quick_start_prints_what_it_says()
    {
        using var directory = new TemporaryDirectory("quick-start");
        using var store = StoreFactory.Make("file://" + directory.Path);
        var exe = new Executable { Path = "/usr/bin/simulate" };
#pragma warning disable IDE0007 // The README names the type Save returns.
        Id id = store.Save(new Job { Name = "run-1", Executable = exe });
#pragma warning restore IDE0007
        var exeFile = Path.Combine(directory.Path, exe.PersistentId!.ToString());
        var written = File.GetLastWriteTimeUtc(exeFile);
        File.SetLastWriteTimeUtc(exeFile, written.AddHours(-1));
        store.Save(new Job { Name = "run-2", Executable = exe });

        store.InvalidateCache();
        var job = store.Load<Job>(id);

        Assert.Equal("Job.1: run-1 runs /usr/bin/simulate", $"{job.PersistentId}: {job.Name} runs {job.Executable!.Path}");
        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(exeFile)); // not written again
        Assert.Equal(3, store.List().Count);
        Assert.Equal([exe.PersistentId], store.List("executable")); // under its tag, which a rename of the class keeps
    }

    [Fact]
    public async Task The_readme_everyday_questions_run_after_the_quick_start_in_one_scope()
    {
        // The README's two blocks, in one method as a reader pastes them (the loop's variable once
        // clashed with the quick start's 'job'). The file store refuses the transaction, as the README's comment says.
        using var directory = new TemporaryDirectory("everyday");
        using var store = StoreFactory.Make("file://" + directory.Path);
        var exe = new Executable { Path = "/usr/bin/simulate" };
#pragma warning disable IDE0007 // The README names the types.
        Id id = store.Save(new Job { Name = "run-1", Executable = exe });
        store.Save(new Job { Name = "run-2", Executable = exe });
        store.InvalidateCache();
        var job = store.Load<Job>(id);
        var oldId = id;

        long records = store.Count();
        IReadOnlyList<Id> jobs = store.List<Job>();
        IReadOnlyList<Id> tagged = store.List("job");
        IReadOnlyList<Job> some = store.LoadMany<Job>(jobs.Take(10));
#pragma warning restore IDE0007
        var streamed = 0;
        await foreach (var each in store.LoadAllAsync<Job>())
        {
            streamed++;
        }

        Assert.Equal((3L, 2, 2, 2, 2), (records, jobs.Count, tagged.Count, some.Count, streamed));
        store.RemoveMany(jobs);
        Assert.Equal(1, store.Count()); // the executable
        Assert.Throws<NotSupportedException>(() =>
        {
            using var tx = store.BeginTransaction();
            tx.Save(job); tx.Remove(oldId); tx.Commit();
        });
    }
}
