using System.Diagnostics;

namespace Gc3.Persistence.Sql.Tests.Faults;

/// <summary>
/// A full disk and a read-only file system under the file store and SQLite: a small tmpfs that the test
/// mounts (root on Linux only; elsewhere the test says why it did not run). Saves fail at once with an
/// exception that says what failed; nothing saved before is lost or damaged; once there is room (the
/// tmpfs grown, or mounted writable again) the store goes on. <c>GC3_FAULT_ROUNDS</c> fills the disk that many times.
/// </summary>
public sealed class DiskFaultTests(ITestOutputHelper output) : TemporaryDirectoryTests("disk-fault")
{
    private bool _mounted;

    public override void Dispose()
    {
        if (_mounted)
        {
            FaultSuite.Run("umount", "-l", Folder.Path);
        }

        base.Dispose();
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public void A_full_disk_fails_saves_clearly_and_loses_nothing(string kind)
    {
        if (!Mount("size=1m"))
        {
            return;
        }

        var uri = StoreKinds.UriOf(kind, Folder.Path);
        var acknowledged = new AcknowledgedSaves();
        var failures = 0;
        string? firstError = null;
        for (var round = 0; round < FaultSuite.Rounds; round++)
        {
            using (var store = StoreFactory.Make(uri))
            {
                // Saves of about 40 KB each until the disk is full.
                Exception? full = null;
                for (var i = 0; i < 10_000 && full is null; i++)
                {
                    var job = BigJob($"r{round}-{i}");
                    try
                    {
                        acknowledged.Save(store, job);
                    }
                    catch (Exception e)
                    {
                        full = e;
                        Assert.Null(job.PersistentId); // the failed save gave back its ID
                    }
                }

                Assert.NotNull(full);
                failures++;
                firstError ??= $"{full.GetType().Name}: {full.Message}";
                AssertClear(kind, full);

                // A batch fails as a whole, and so does a transaction.
                var batch = new[] { BigJob("batch-a"), BigJob("batch-b"), BigJob("batch-c") };
                AssertClear(kind, Assert.ThrowsAny<Exception>(() => store.SaveMany(batch)));
                Assert.All(batch, job => Assert.Null(job.PersistentId));

                // And takes its temporary files with it, the one whose write failed too: left, each held the disk's space
                // (until a store opened the directory an hour later), so the disk stayed full after the failed save.
                Assert.Empty(Directory.GetFiles(Folder.Path, "*.tmp", SearchOption.AllDirectories));
            }

            // Nothing acknowledged is lost or damaged.
            using (var reader = StoreFactory.Make(uri))
            {
                acknowledged.AssertStoreHoldsExactly(reader);
            }

            // With room again, the store goes on.
            Assert.Equal(0, FaultSuite.Run("mount", "-o", $"remount,size={round + 3}m", Folder.Path).ExitCode);
            using (var store = StoreFactory.Make(uri))
            {
                var job = BigJob($"after-{round}");
                acknowledged.Save(store, job);
                Assert.Equal(acknowledged.Count, store.Count());
            }
        }

        output.WriteLine($"{kind}: the disk filled {failures} times; {acknowledged.Count} acknowledged saves all loaded intact; first error: {firstError}");
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public void A_read_only_file_system_fails_saves_at_once_and_keeps_every_record(string kind)
    {
        if (!Mount("size=16m"))
        {
            return;
        }

        var uri = StoreKinds.UriOf(kind, Folder.Path);
        var acknowledged = new AcknowledgedSaves();
        using (var store = StoreFactory.Make(uri))
        {
            for (var i = 0; i < 20; i++)
            {
                var job = BigJob($"before-{i}");
                acknowledged.Save(store, job);
            }
        }

        // Every store is closed first: a file open for writing (SQLite's WAL) keeps the mount writable.
        Assert.Equal(0, FaultSuite.Run("mount", "-o", "remount,ro", Folder.Path).ExitCode);
        var clock = Stopwatch.StartNew();
        var what = "";
        IStore? open = null;
        try
        {
            open = StoreFactory.Make(uri);
        }
        catch (StoreException e)
        {
            // SQLite cannot open a WAL database on a read-only file system: a clear error naming the file.
            Assert.Equal("sqlite", kind);
            Assert.IsAssignableFrom<DbException>(e.InnerException);
            Assert.Contains("Opening the store", e.Message, StringComparison.Ordinal);
            Assert.Contains(Folder.Path, e.Message, StringComparison.Ordinal);
            Assert.Contains("read-only file system", e.Message, StringComparison.Ordinal);
            what = $"opening fails at once ({e.Message})";
        }

        if (open is not null)
        {
            using (open)
            {
                var fresh = BigJob("refused");
                var refused = Assert.ThrowsAny<Exception>(() => open.Save(fresh));
                AssertReadOnly(kind, refused);
                Assert.Null(fresh.PersistentId);
                var loaded = open.Load<Job>(acknowledged.Ids.First());
                loaded.Cores = 99;
                AssertReadOnly(kind, Assert.ThrowsAny<Exception>(() => open.Save(loaded)));
                AssertReadOnly(kind, Assert.ThrowsAny<Exception>(() => open.Remove(acknowledged.Ids.Last())));
                what = $"writes refused ({refused.GetType().Name}: {refused.Message})";

                // Reads still work.
                open.InvalidateCache();
                acknowledged.AssertEachLoads(open);
            }
        }
        clock.Stop();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the refusals took {clock.Elapsed}");

        Assert.Equal(0, FaultSuite.Run("mount", "-o", "remount,rw", Folder.Path).ExitCode);
        using (var reader = StoreFactory.Make(uri))
        {
            Assert.All(acknowledged.AssertStoreHoldsExactly(reader), job => Assert.NotEqual(99, job.Cores));
        }

        output.WriteLine($"{kind} on a read-only file system: {what}, in {clock.Elapsed.TotalSeconds:F2} s; {acknowledged.Count} records intact after mounting it writable again");
    }

    private static Job BigJob(string name) => new() { Name = name, Cores = 1, Output = new string('o', 40_000) + name };

    private bool Mount(string options)
    {
        if (!FaultSuite.CanMount)
        {
            output.WriteLine("Skipped: mounting a small tmpfs needs root on Linux, and this test runs as " + Environment.UserName);
            return false;
        }

        var (exitCode, said) = FaultSuite.Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", Folder.Path);
        if (exitCode != 0)
        {
            output.WriteLine($"Skipped: mount -t tmpfs failed here ({said.Trim()})");
            return false;
        }

        _mounted = true;
        return true;
    }

    private static void AssertClear(string kind, Exception e)
    {
        Assert.IsNotAssignableFrom<DbException>(e);
        if (kind == "sqlite")
        {
            Assert.IsAssignableFrom<StoreException>(e);
            Assert.IsAssignableFrom<DbException>(e.InnerException);
            Assert.True(e.Message.StartsWith("Saving ", StringComparison.Ordinal) || e.Message.StartsWith("Reserving new IDs", StringComparison.Ordinal), e.Message);
            Assert.Contains("full", e.Message, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.IsAssignableFrom<IOException>(e);
            Assert.Contains("space", e.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    private void AssertReadOnly(string kind, Exception e)
    {
        Assert.IsNotAssignableFrom<DbException>(e);
        if (kind == "sqlite")
        {
            Assert.IsAssignableFrom<StoreException>(e);
            Assert.IsAssignableFrom<DbException>(e.InnerException);
            Assert.Contains("readonly", e.Message.Replace("read-only", "readonly", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.IsAssignableFrom<IOException>(e);
            Assert.Contains("read-only file system", e.Message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains(Folder.Path, e.Message, StringComparison.Ordinal);
    }
}
