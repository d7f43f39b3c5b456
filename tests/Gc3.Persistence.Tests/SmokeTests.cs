using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Tests;

public class SmokeTests
{
    [Fact]
    public void Round_trips_a_job_with_a_shared_executable()
    {
        var dir = Path.Combine(Path.GetTempPath(), "gc3-smoke-" + Guid.NewGuid().ToString("N"));
        using var store = new FilesystemStore(dir);
        var exe = new Executable { Path = "/bin/true", Version = "1.2.3", Checksum = new string('a', 64) };
        var job = new Job { Name = "j1", State = JobState.Running, Arguments = ["a", "b"], Environment = { ["K"] = "V" }, Cores = 4, ExitCode = 3, Executable = exe };
        var id = store.Save(job);
        store.InvalidateCache();
        var loaded = store.Load<Job>(id);
        Assert.Equal("j1", loaded.Name);
        Assert.Equal(JobState.Running, loaded.State);
        Assert.Equal(["a", "b"], loaded.Arguments);
        Assert.Equal("V", loaded.Environment["K"]);
        Assert.Equal(3, loaded.ExitCode);
        Assert.Equal("/bin/true", loaded.Executable!.Path);
        Assert.Equal(exe.PersistentId, loaded.Executable.PersistentId);
        Assert.False(loaded.Changed);
    }
}
