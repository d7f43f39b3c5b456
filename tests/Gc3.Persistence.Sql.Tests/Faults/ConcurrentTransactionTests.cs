namespace Gc3.Persistence.Sql.Tests.Faults;

/// <summary>
/// 4 processes committing transactions on one SQL store at once, each adding 1 to a shared counter
/// object and saving a new object in the same transaction, retrying on <see cref="ConcurrencyException"/>:
/// every increment counts once and every new object is there once, so no transaction was half applied or
/// lost. <c>GC3_FAULT_ROUNDS</c> multiplies the transactions.
/// </summary>
public abstract class ConcurrentTransactionTests(ITestOutputHelper output) : IDisposable
{
    private const int Processes = 4;

    protected string Table { get; } = "ctx_" + Guid.NewGuid().ToString("N")[..12];

    protected abstract string Uri { get; }

    public abstract void Dispose();

    [Fact]
    public void Four_processes_committing_transactions_lose_no_update_and_apply_none_in_part()
    {
        var each = 25 * FaultSuite.Rounds;
        Id counterId;
        using (var store = StoreFactory.Make(Uri))
        {
            counterId = store.Save(new Job { Name = "counter", Cores = 0 });
        }

        var workers = Enumerable.Range(0, Processes)
            .Select(p => WorkerProcess.Start("tx-increment", Uri, counterId.ToString(), each.ToString(System.Globalization.CultureInfo.InvariantCulture), $"p{p}"))
            .ToList();
        var retries = workers.Sum(worker =>
        {
            using (worker)
            {
                var done = Assert.Single(worker.ReadToEnd(), line => line.StartsWith("done ", StringComparison.Ordinal));
                return int.Parse(done[5..], System.Globalization.CultureInfo.InvariantCulture);
            }
        });

        using var check = StoreFactory.Make(Uri);
        Assert.Equal(Processes * each, check.Load<Job>(counterId).Cores);
        var names = check.List<Job>().Where(id => id != counterId).Select(id => check.Load<Job>(id).Name).ToList();
        Assert.Equal(Processes * each, names.Count);
        Assert.Equal(Processes * each, names.Distinct().Count());
        output.WriteLine($"{Processes} processes committed {Processes * each} transactions on {check}: counter {Processes * each}, {names.Count} new objects once each, {retries} conflicts rolled back and retried");
    }
}
