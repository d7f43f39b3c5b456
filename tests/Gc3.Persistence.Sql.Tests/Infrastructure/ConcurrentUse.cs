namespace Gc3.Persistence.Sql.Tests.Infrastructure;

/// <summary>Threads using one store at once, as an application's requests do.</summary>
public static class ConcurrentUse
{
    /// <summary>
    /// <paramref name="threads"/> tasks, each <paramref name="rounds"/> times: empty the identity map, load one of
    /// <paramref name="ids"/> (jobs named <c>c...</c>; even tasks load synchronously, odd ones asynchronously) and save
    /// a new job (asynchronously when <paramref name="saveAsync"/>).
    /// </summary>
    public static Task LoadAndSaveAsync(IStore store, IReadOnlyList<Id> ids, int threads, int rounds, Func<string, Job> newJob, bool saveAsync)
        => Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < rounds; i++)
            {
                store.InvalidateCache();
                var job = t % 2 == 0 ? store.Load<Job>(ids[(t + i) % ids.Count]) : await store.LoadAsync<Job>(ids[(t + i) % ids.Count]);
                Assert.StartsWith("c", job.Name, StringComparison.Ordinal);
                if (saveAsync)
                {
                    await store.SaveAsync(newJob($"t{t}-{i}"));
                }
                else
                {
                    store.Save(newJob($"t{t}-{i}"));
                }
            }
        })));
}
