using Gc3.Persistence.Benchmarks.Subjects;

namespace Gc3.Persistence.Benchmarks.Scaling;

/// <summary>
/// The scaling run: the per-operation cost of save, load and list as a store grows (N = 1,000,
/// 10,000, 100,000 on the file and SQLite stores; target: at 100,000 within 1.3x of 10,000), and
/// <c>List</c> on a SQLite store of 1,000,000 records, whose memory must follow the IDs, never the records.
/// MemoryPack on the plain DTOs runs at each size beside them, as the reference for what the runtime
/// alone loses as N grows.
/// </summary>
public sealed class ScalingRunner(BenchmarkOptions options, IReadOnlyList<Subject> catalog, TextWriter output)
{
    private const double Target = 1.3;
    private const int BatchSize = 10_000;
    private static readonly string[] ScalingStores = ["file", "sqlite"];
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Runs and prints.</summary>
    public void Run(string workDirectory)
    {
        var stores = catalog.OfType<StoreSubject>().Where(s => ScalingStores.Contains(s.Name)).ToList();
        var missing = ScalingStores.Where(name => stores.All(s => s.Name != name)).ToList();
        var timer = new PhaseTimer(new HashSet<char> { 'A', 'B', 'D' });
        var sizes = options.ScalingSizes;
        if (!options.Quick)
        {
            output.WriteLine("warm-up: N=1000");
            foreach (var store in stores)
            {
                RunOne(store, WorkloadData.Create(1_000), timer, Path.Join(workDirectory, "warm-up", store.Name));
            }

            MemoryPackReference.Run(WorkloadData.Create(1_000), timer, MemoryPackReference.Name);
        }

        timer.Recording = true;
        var data = sizes.Distinct().ToDictionary(n => n, WorkloadData.Create);
        for (var repetition = 1; repetition <= options.Repetitions; repetition++)
        {
            foreach (var n in sizes)
            {
                foreach (var store in stores)
                {
                    output.Write($"repetition {repetition}: {store.Name} N={n} ...");
                    var clock = Stopwatch.StartNew();
                    RunOne(store, data[n], timer, Path.Join(workDirectory, $"{store.Name}-{n}"));
                    output.WriteLine(string.Create(Invariant, $" {clock.Elapsed.TotalSeconds:0.0} s"));
                }

                MemoryPackReference.Run(data[n], timer, Key(MemoryPackReference.Name, n));
            }
        }

        output.WriteLine();
        output.WriteLine(string.Create(Invariant, $"scaling: per-operation cost, median of {options.Repetitions} repetition(s); {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {MachineInfo.Describe()}"));
        if (missing.Count > 0)
        {
            output.WriteLine($"(not in this build: {string.Join(", ", missing)})");
        }

        output.WriteLine();
        PrintScaling(new ResultTable(timer.Samples, []), timer.Samples, stores, sizes);

        if (options.ListRecords > 0)
        {
            output.WriteLine();
            var sqlite = stores.FirstOrDefault(s => s.Name == "sqlite");
            if (sqlite is null)
            {
                output.WriteLine("List on a large SQLite store: skipped, the SQLite store is not in this build.");
            }
            else
            {
                ListLarge(sqlite, options.ListRecords, Path.Join(workDirectory, "sqlite-list"));
            }
        }
    }

    private static void RunOne(StoreSubject subject, WorkloadData data, PhaseTimer timer, string directory)
    {
        Directory.CreateDirectory(directory);
        MachineInfo.SyncDisks();
        timer.Subject = Key(subject.Name, data.Jobs.Count);
        var n = data.Jobs.Count;
        var store = subject.Open(directory);
        try
        {
            var executables = data.Executables.Select(e => e.ToExecutable()).ToArray();
            var jobs = data.Jobs.Select(j => j.ToJob(executables[j.ExecutableIndex])).ToArray();
            var ids = new Id[n];
            timer.Time(Phase.SaveNew, n, () =>
            {
                for (var i = 0; i < n; i++)
                {
                    ids[i] = store.Save(jobs[i]);
                }
            });

            jobs = null;
            executables = null;
            store.InvalidateCache();
            var loaded = new Job[n];
            timer.Time(Phase.LoadCold, n, () =>
            {
                for (var i = 0; i < n; i++)
                {
                    loaded[i] = store.Load<Job>(ids[i]);
                    _ = loaded[i].Executable!.Path;
                }
            });
            Check(loaded.Zip(data.Jobs).All(p => p.First.Name == p.Second.Name), $"{subject.Name}: jobs loaded with other names");

            var count = 0;
            timer.Time(Phase.List, n, () => count = store.List().Count);
            Check(count == n + WorkloadData.ExecutableCount, $"{subject.Name}: List() gave {count} IDs instead of {n + WorkloadData.ExecutableCount}");
        }
        finally
        {
            subject.Close(store);
        }

        Directory.Delete(directory, recursive: true);
    }

    private void PrintScaling(ResultTable table, IReadOnlyList<PhaseSample> samples, List<StoreSubject> stores, List<int> sizes)
    {
        output.WriteLine("| store | N | save µs/op | load-cold µs/op | of which GC pause | list ns/ID |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var name in stores.Select(s => s.Name).Append(MemoryPackReference.Name))
        {
            foreach (var n in sizes)
            {
                var list = Micro(table, name, n, Phase.List);
                output.WriteLine(string.Create(Invariant,
                    $"| {name} | {n:#,0} | {Micro(table, name, n, Phase.SaveNew):0.00} | {Micro(table, name, n, Phase.LoadCold):0.00} | {PauseMicro(samples, name, n, Phase.LoadCold):0.00} | {(double.IsNaN(list) ? "" : (list * 1000).ToString("0", Invariant))} |"));
            }
        }

        output.WriteLine($"({MemoryPackReference.Name}: serialize and deserialize of the jobs' plain DTOs in memory, every result kept as the stores' phases keep theirs; no target: it shows what the runtime alone loses between sizes.)");

        output.WriteLine();
        if (sizes.Count < 2)
        {
            return;
        }

        var (small, large) = (sizes[^2], sizes[^1]);
        double Ratio(string name, Phase phase) => Micro(table, name, large, phase) / Micro(table, name, small, phase);
        foreach (var store in stores)
        {
            var parts = new List<string>();
            foreach (var phase in new[] { Phase.SaveNew, Phase.LoadCold, Phase.List })
            {
                var ratio = Ratio(store.Name, phase);
                var reference = phase == Phase.List ? "" : string.Create(Invariant, $"; {MemoryPackReference.Name} {Ratio(MemoryPackReference.Name, phase):0.00}x");
                parts.Add(string.Create(Invariant, $"{PhaseInfo.Label(phase)} {ratio:0.00}x ({(ratio <= Target ? "met" : "missed")}{reference})"));
            }

            output.WriteLine(string.Create(Invariant, $"{store.Name}: cost per operation at N={large:#,0} over N={small:#,0} (target ≤ {Target}x): {string.Join(", ", parts)}"));
        }
    }

    private void ListLarge(StoreSubject subject, int records, string directory)
    {
        Directory.CreateDirectory(directory);
        var template = WorkloadData.Create(Math.Min(records, BatchSize));
        var checkpoints = new SortedSet<int> { Math.Max(1, records / 10), records };
        var store = subject.Open(directory);
        try
        {
            var executables = template.Executables.Select(e => e.ToExecutable()).ToArray();
            var saved = 0;
            var clock = Stopwatch.StartNew();
            output.WriteLine("| records | List ms | ns/ID | allocated B/ID | peak RSS growth | store size on disk |");
            output.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var checkpoint in checkpoints)
            {
                while (saved < checkpoint)
                {
                    var batch = Math.Min(BatchSize, checkpoint - saved);
                    store.SaveMany(template.Jobs.Take(batch).Select(j => j.ToJob(executables[j.ExecutableIndex])));
                    saved += batch;
                    store.InvalidateCache();
                }

                Console.Error.WriteLine(string.Create(Invariant, $"  {saved:#,0} records saved in {clock.Elapsed.TotalSeconds:0} s"));
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var before = PeakMemory.Current();
                PeakMemory.Reset();
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var listClock = Stopwatch.StartNew();
                var count = store.List().Count;
                listClock.Stop();
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                var growth = PeakMemory.Peak() - before;
                var expected = saved + WorkloadData.ExecutableCount;
                Check(count == expected, $"{subject.Name}: List() gave {count} IDs instead of {expected}");
                var size = new DirectoryInfo(directory).EnumerateFiles().Sum(f => f.Length);
                output.WriteLine(string.Create(Invariant,
                    $"| {count:#,0} | {listClock.Elapsed.TotalMilliseconds:0} | {listClock.Elapsed.TotalMilliseconds * 1e6 / count:0} | {(double)allocated / count:0} | {growth / (1024.0 * 1024):0.0} MiB | {size / (1024.0 * 1024):0} MiB |"));
            }
        }
        finally
        {
            subject.Close(store);
        }

        output.WriteLine("Flat memory means allocated bytes per ID that do not grow with the store and stay far below a record's size (List returns the IDs, so they are part of the result).");
        Directory.Delete(directory, recursive: true);
    }

    private static double Micro(ResultTable table, string store, int n, Phase phase)
        => table.Median(Key(store, n), phase) is { } opsPerSecond ? 1e6 / opsPerSecond : double.NaN;

    // The median GC pause per operation: how much of a phase's cost is the collector's.
    private static double PauseMicro(IReadOnlyList<PhaseSample> samples, string store, int n, Phase phase)
    {
        var pauses = samples.Where(s => s.Subject == Key(store, n) && s.Phase == phase).Select(s => s.GcPauseSeconds * 1e6 / s.Operations).ToList();
        return pauses.Count == 0 ? double.NaN : Statistics.Median(pauses);
    }

    private static string Key(string store, int n) => string.Create(Invariant, $"{store}@{n}");

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException(what);
        }
    }
}
