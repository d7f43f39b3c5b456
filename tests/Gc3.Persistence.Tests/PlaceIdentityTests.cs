namespace Gc3.Persistence.Tests;

/// <summary>
/// One directory reached by two paths (a symbolic link to it or to a folder above it, a detour through <c>..</c>)
/// is one place: its stores share their objects, as two stores opened by the same path do.
/// </summary>
public sealed class PlaceIdentityTests : TemporaryDirectoryTests
{
    private readonly List<FilesystemStore> _opened = [];

    public PlaceIdentityTests()
        : base("place")
    {
        Directory.CreateDirectory(Folder.Combine("data", "jobs"));
        Directory.CreateDirectory(Folder.Combine("data", "other"));
        Directory.CreateDirectory(Folder.Combine("srv"));
        Directory.CreateSymbolicLink(Folder.Combine("srv", "jobs"), Folder.Combine("data", "jobs")); // the directory itself
        Directory.CreateSymbolicLink(Folder.Combine("mnt"), "data"); // a folder above it, as a relative link
        Directory.CreateSymbolicLink(Folder.Combine("data", "up"), ".."); // a loop back, for a detour
    }

    private string RealPath => Folder.Combine("data", "jobs");

    public static TheoryData<string> OtherPaths => new()
    {
        "srv/jobs",
        "mnt/jobs",
        "mnt/up/srv/jobs/",
        "data/other/../jobs",
    };

    [Theory]
    [MemberData(nameof(OtherPaths))]
    public void An_object_loaded_through_one_path_is_saved_through_another(string other)
    {
        var id = Open(RealPath).Save(Samples.Job("first"));
        using var loading = Open(Folder.Combine(other));
        var job = loading.Load<Job>(id);

        job.Cores = 99;
        using (var saving = Open(RealPath))
        {
            saving.Save(job); // the same place: not refused as another store's object
        }

        Assert.Equal(99, Open(Folder.Combine(other)).Load<Job>(id).Cores);
    }

    [Theory]
    [MemberData(nameof(OtherPaths))]
    public void A_stale_object_loaded_through_one_path_is_refused_through_another(string other)
    {
        var id = Open(RealPath).Save(Samples.Job("first"));
        var stale = Open(Folder.Combine(other)).Load<Job>(id);
        using (var elsewhere = Open(RealPath))
        {
            var fresh = elsewhere.Load<Job>(id);
            fresh.Cores = 7;
            elsewhere.Save(fresh);
        }

        // The version the object was loaded at is the place's, whatever path the store saving it was opened by.
        stale.Cores = 99;
        Assert.Throws<ConcurrencyException>(() => Open(RealPath).Save(stale));
        Assert.Equal(7, Open(RealPath).Load<Job>(id).Cores);
    }

    [Fact]
    public void Another_directory_stays_another_place()
    {
        var id = Open(RealPath).Save(Samples.Job("first"));
        var job = Open(Folder.Combine("srv", "jobs")).Load<Job>(id);

        var error = Assert.Throws<InvalidOperationException>(() => Open(Folder.Combine("mnt", "other")).Save(job));

        // The message names each place by its directory, links resolved.
        Assert.Contains($"file://{RealPath}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"file://{Folder.Combine("data", "other")}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_keeps_the_path_it_was_opened_by()
    {
        using var store = new FilesystemStore(Folder.Combine("srv", "jobs"));

        Assert.Equal(Folder.Combine("srv", "jobs"), store.Directory);
        Assert.Equal($"file://{Folder.Combine("srv", "jobs")}", store.ToString());
    }

    [Fact]
    public async Task Two_stores_of_one_directory_by_two_paths_exclude_each_other_from_the_write_lock()
    {
        using var first = new RecordWriteLock(RealPath);
        using var second = new RecordWriteLock(Folder.Combine("srv", "jobs"));
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var holder = Task.Run(() =>
        {
            using (first.Enter())
            {
                entered.SetResult();
                release.Task.Wait();
            }
        });
        await entered.Task;

        var waiter = Task.Run(() =>
        {
            using (second.Enter())
            {
            }
        });
        await Task.Delay(300);
        Assert.False(waiter.IsCompleted); // the lock of the directory, not of the path: held by the first

        release.SetResult();
        await holder;
        await waiter.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void The_canonical_path_resolves_every_link_and_dot_as_the_system_does()
    {
        Assert.Equal(RealPath, CanonicalPath.Of(Folder.Combine("srv", "jobs")));
        Assert.Equal(RealPath, CanonicalPath.Of(Folder.Combine("mnt", "up", "mnt", "jobs") + "/"));

        // '..' after a link leaves what the link leads to: srv/jobs/.. is data, not srv.
        Assert.Equal(Folder.Combine("data", "other"), CanonicalPath.Of(Folder.Combine("srv", "jobs", "..", "other")));

        // What does not exist yet is kept as it is, below the resolved part.
        Assert.Equal(Folder.Combine("data", "new", "x"), CanonicalPath.Of(Folder.Combine("mnt", "new", "x")));

        // A loop of links is no path: left as given.
        Directory.CreateSymbolicLink(Folder.Combine("loop"), "loop");
        Assert.Equal(Folder.Combine("loop", "x"), CanonicalPath.Of(Folder.Combine("loop", "x")));
    }

    public override void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        base.Dispose();
    }

    private FilesystemStore Open(string path)
    {
        var store = new FilesystemStore(path);
        _opened.Add(store);
        return store;
    }
}
