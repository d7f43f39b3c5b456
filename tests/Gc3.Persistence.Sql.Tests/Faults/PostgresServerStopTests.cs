using System.Diagnostics;
using Npgsql;

namespace Gc3.Persistence.Sql.Tests.Faults;

/// <summary>
/// A PostgreSQL server stopped in the middle of a run (<c>pg_ctl stop -m immediate</c>, on a private
/// cluster of this test's own): a writing process and this one get clear <see cref="StoreException"/>s at
/// once, and after the restart every acknowledged save is there, nothing is half written, and the stores
/// go on without a duplicate ID. <c>GC3_FAULT_ROUNDS</c> stops and starts the server that many times.
/// </summary>
public sealed class PostgresServerStopTests(ITestOutputHelper output)
{
    [Fact]
    public void A_server_stopped_mid_run_gives_clear_errors_and_is_consistent_after_restart()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresServer.EnvironmentVariable)))
        {
            output.WriteLine($"Skipped: {PostgresServer.EnvironmentVariable} names an external server, which this test must not stop.");
            return;
        }

        using var server = new PostgresServer();
        Assert.True(server.CanRestart);
        var uri = $"{server.Uri}#table=stop_{Guid.NewGuid().ToString("N")[..12]}";
        var acknowledged = new List<Id>();
        var failures = new List<string>();
        var slowest = TimeSpan.Zero;
        using var store = StoreFactory.Make(uri);
        var batch = store.SaveMany([new Job { Name = "before-0" }, new Job { Name = "before-1" }]);
        acknowledged.AddRange(batch);

        for (var round = 0; round < FaultSuite.Rounds; round++)
        {
            // A writer in another process, stopped under it after 20 saves.
            using var worker = WorkerProcess.Start("save-until-error", uri);
            for (var saves = 0; saves < 20;)
            {
                var line = worker.ReadLine() ?? throw new InvalidOperationException($"The writer ended early: {worker.StandardError}");
                Assert.StartsWith("saved ", line, StringComparison.Ordinal);
                acknowledged.Add(Id.Parse(line[6..]));
                saves++;
            }

            server.Stop();
            var lines = new List<string>();
            while (worker.ReadLine(TimeSpan.FromMinutes(1)) is { } line)
            {
                lines.Add(line);
            }

            acknowledged.AddRange(lines.Where(l => l.StartsWith("saved ", StringComparison.Ordinal)).Select(l => Id.Parse(l[6..])));
            var error = Assert.Single(lines, l => l.StartsWith("error ", StringComparison.Ordinal));
            Assert.StartsWith($"error {typeof(StoreException).FullName} Npgsql.", error, StringComparison.Ordinal);
            Assert.Contains("failed", error, StringComparison.Ordinal);
            failures.Add(error);

            // This process: every operation fails at once, saying what failed; nothing thinks it is saved.
            var job = new Job { Name = $"during-{round}" };
            var clock = Stopwatch.StartNew();
            AssertClear(Assert.ThrowsAny<Exception>(() => store.Save(job)), "Saving '", "Reserving new IDs");
            Assert.Null(job.PersistentId);
            AssertClear(Assert.ThrowsAny<Exception>(() => store.SaveMany([new Job { Name = "x" }, new Job { Name = "y" }])), "Saving 2 records", "Reserving new IDs");
            AssertClear(Assert.ThrowsAny<Exception>(() => store.Count()), "Counting the records");
            AssertClear(Assert.ThrowsAny<Exception>(() => store.Remove(acknowledged[0])), $"Removing '{acknowledged[0]}'");
            var load = Assert.IsType<LoadException>(Assert.ThrowsAny<Exception>(() => { store.InvalidateCache(); store.Load(acknowledged[^1]); }));
            Assert.Equal(acknowledged[^1], load.Id);
            using (var tx = store.BeginTransaction())
            {
                // A new object's ID is taken at tx.Save (from the counter), the rest at Commit.
                AssertClear(Assert.ThrowsAny<Exception>(() => { tx.Save(new Job { Name = "in tx" }); tx.Commit(); }), "Committing a transaction", "Reserving new IDs");
            }

            AssertClear(Assert.ThrowsAny<Exception>(() => StoreFactory.Make(uri)), "Opening the store");
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the failing operations took {clock.Elapsed}");

            server.Start();
            NpgsqlConnection.ClearAllPools();

            // After the restart: the open store works again (a connection cut by the stop fails once at most).
            Id again = null!;
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    again = store.Save(job);
                    break;
                }
                catch (StoreException) when (attempt < 3)
                {
                }
            }

            acknowledged.Add(again);
        }

        // Every acknowledged save is there, once; nothing else is; the failed saves left no trace.
        using var check = StoreFactory.Make(uri);
        var listed = check.List();
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(acknowledged.Count, acknowledged.Distinct().Count());
        Assert.Empty(acknowledged.Except(listed));
        foreach (var id in acknowledged)
        {
            Assert.False(string.IsNullOrEmpty(check.Load<Job>(id).Name));
        }

        Assert.DoesNotContain(listed.Select(id => check.Load<Job>(id).Name), name => name is "x" or "y" or "in tx");
        var fresh = check.Save(new Job { Name = "after" });
        Assert.DoesNotContain(fresh, listed);
        output.WriteLine($"PostgreSQL stopped {FaultSuite.Rounds} times under a writer: {acknowledged.Count} acknowledged saves all loaded, {listed.Count} records, " +
            $"no duplicate ID, slowest failing operations {slowest.TotalSeconds:F1} s; the writer's errors: {string.Join(" / ", failures.Select(f => f[..Math.Min(f.Length, 160)]))}");
    }

    private static void AssertClear(Exception e, params string[] anyOf)
    {
        Assert.IsAssignableFrom<StoreException>(e);
        Assert.IsAssignableFrom<NpgsqlException>(e.InnerException);
        Assert.True(anyOf.Any(what => e.Message.Contains(what, StringComparison.Ordinal)), $"'{e.Message}' says none of: {string.Join(", ", anyOf)}");
    }
}
