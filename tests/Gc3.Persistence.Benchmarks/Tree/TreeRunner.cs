using System.Diagnostics.Metrics;
using Gc3.Persistence.Benchmarks.Subjects;
using Gc3.Persistence.Engine;
using Gc3.Persistence.Files;
using Gc3.Persistence.Serialization;
using Gc3.Persistence.Sqlite;
using Gc3.Persistence.Telemetry;
using Microsoft.Data.Sqlite;
using static Gc3.Persistence.Benchmarks.Measurement.Statistics;

namespace Gc3.Persistence.Benchmarks.Tree;

/// <summary>
/// Phase F, "tree" (issue 13 §4): a collection of N jobs, each with a <see cref="TreeJob.Parent"/>
/// reference to it and an untracked argument list, so a cascade from any job reaches every other one;
/// S times, one job is changed and saved. Each save must write exactly one record (the changed job),
/// counted through the library's <c>records.written</c> counter. Beside each save, in the same loop,
/// the reference: the generated serializer encoding every object the save reaches (the collection and
/// its N jobs) into one buffer, plus one raw write of the job's record (a temporary file renamed into
/// place; one <c>INSERT OR REPLACE</c> on a plain SQLite connection in WAL mode). Target: a save costs at
/// most 2x its reference on the file store and on SQLite.
/// </summary>
public sealed class TreeRunner(BenchmarkOptions options, TextWriter output)
{
    private const double Target = 2.0;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Runs every size on both stores and prints the table.</summary>
    public void Run(string workDirectory)
    {
        output.WriteLine($"F tree: {options.TreeSaves} saves of one changed job in a collection of N jobs with Parent back-pointers");
        output.WriteLine($"machine: {MachineInfo.Describe()}");
        if (!options.Quick)
        {
            output.WriteLine("warm-up: N=500");
            foreach (var store in new[] { "file", "sqlite" })
            {
                RunOne(store, 500, 20, Path.Join(workDirectory, "tree-warm-up-" + store));
            }
        }

        var rows = new List<string>();
        foreach (var n in options.TreeSizes)
        {
            foreach (var store in new[] { "file", "sqlite" })
            {
                output.Write(string.Create(Invariant, $"{store} N={n} ..."));
                var clock = Stopwatch.StartNew();
                rows.Add(RunOne(store, n, options.TreeSaves, Path.Join(workDirectory, $"tree-{store}-{n}")));
                output.WriteLine(string.Create(Invariant, $" {clock.Elapsed.TotalSeconds:0.0} s"));
            }
        }

        output.WriteLine();
        output.WriteLine("Per save, medians; reference = the serializer encoding the same reachable objects + one raw write of one record.");
        output.WriteLine("| N | store | records written/save | encoded but unchanged/save | save ms | encode ms | raw write ms | reference ms | ratio | target |");
        output.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var row in rows)
        {
            output.WriteLine(row);
        }
    }

    private static TreeCollection NewCollection(int n)
    {
        var collection = new TreeCollection { Name = "tree", Jobs = new List<TreeJob>(n) };
        for (var i = 0; i < n; i++)
        {
            collection.Jobs.Add(new TreeJob
            {
                Name = $"job-{i:D8}-abcdef",
                State = JobState.Running,
                Cores = 1 + (i % 16),
                Arguments = ["--input", $"in{i:D6}.dat", "--output", $"out{i:D6}.dat", "--verbose"],
                Parent = collection,
            });
        }

        return collection;
    }

    private static double Milliseconds(long start) => Stopwatch.GetElapsedTime(start).TotalMilliseconds;

    private string RunOne(string kind, int n, int saves, string directory)
    {
        Directory.CreateDirectory(directory);
        using var store = kind == "file" ? (StoreBase)new FilesystemStore(Path.Join(directory, "store")) : new SqliteStore(Path.Join(directory, "store.db"));
        using var raw = new RawRecordWriter(kind, directory);
        using var counts = new RecordCounts();
        var collection = NewCollection(n);
        store.Save(collection);
        Check(counts.Written == n + 1, $"the first save wrote {counts.Written} records instead of {n + 1}");

        var reference = new SaveOperation(store);
        var jobSerializer = PersistableRegistry.GetForSave(collection.Jobs[0]);
        var collectionSerializer = PersistableRegistry.GetForSave(collection);
        // The store replaces records that exist: so does the raw write (on ext4, a rename over an
        // existing file makes the kernel write the new file's data out first, a cost of its own).
        for (var i = 0; i < saves; i++)
        {
            raw.Write(collection.Jobs[(int)(i * 7919L % n)].PersistentId!.ToString(), [1, 2, 3]);
        }

        MachineInfo.SyncDisks();
        var saveTimes = new double[saves];
        var encodeTimes = new double[saves];
        var writeTimes = new double[saves];
        long written = 0;
        long skipped = 0;
        for (var i = 0; i < saves; i++)
        {
            var job = collection.Jobs[(int)(i * 7919L % n)];
            job.Cores++;
            var (writtenBefore, skippedBefore) = (counts.Written, counts.Skipped);
            var start = Stopwatch.GetTimestamp();
            store.Save(job);
            saveTimes[i] = Milliseconds(start);
            Check(counts.Written - writtenBefore == 1, $"save {i} wrote {counts.Written - writtenBefore} records for one changed job");
            written += counts.Written - writtenBefore;
            skipped += counts.Skipped - skippedBefore;

            // The reference: every object the save reaches, encoded once into one buffer ...
            start = Stopwatch.GetTimestamp();
            reference.Reset();
            reference.WriteRecord(jobSerializer, job.PersistentId!, job);
            var jobLength = reference.Buffer.WrittenCount;
            reference.WriteRecord(collectionSerializer, collection.PersistentId!, collection);
            foreach (var other in collection.Jobs)
            {
                if (!ReferenceEquals(other, job))
                {
                    reference.WriteRecord(jobSerializer, other.PersistentId!, other);
                }
            }

            encodeTimes[i] = Milliseconds(start);

            // ... and one raw write of one record.
            start = Stopwatch.GetTimestamp();
            raw.Write(job.PersistentId!.ToString(), reference.Buffer.WrittenSpan[..jobLength]);
            writeTimes[i] = Milliseconds(start);
        }

        reference.Reset();
        store.InvalidateCache();
        var check = collection.Jobs[(int)((saves - 1) * 7919L % n)];
        Check(store.Load<TreeJob>(check.PersistentId!).Cores == check.Cores, "the last change did not reach the store");

        var (save, encode, write) = (Median(saveTimes), Median(encodeTimes), Median(writeTimes));
        var referenceTime = encode + write;
        var ratio = save / referenceTime;
        return string.Create(Invariant, $"| {n:N0} | {kind} | {(double)written / saves:0.##} | {(double)skipped / saves:N0} | {save:0.000} | {encode:0.000} | {write:0.000} | {referenceTime:0.000} | {ratio:0.00}x | {(ratio <= Target ? "met" : "MISSED")} (<= {Target:0.0}x) |");
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("F tree: " + what);
        }
    }

    /// <summary>Counts the records the library reports written and skipped (one store runs at a time).</summary>
    private sealed class RecordCounts : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _written;
        private long _skipped;

        public RecordCounts()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PersistenceTelemetry.MeterName
                    && instrument.Name is PersistenceTelemetry.RecordsWrittenInstrument or PersistenceTelemetry.RecordsSkippedInstrument)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                if (instrument.Name == PersistenceTelemetry.RecordsWrittenInstrument)
                {
                    Interlocked.Add(ref _written, value);
                }
                else
                {
                    Interlocked.Add(ref _skipped, value);
                }
            });
            _listener.Start();
        }

        public long Written => Interlocked.Read(ref _written);

        public long Skipped => Interlocked.Read(ref _skipped);

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>One record written the plain way: a temporary file renamed into place, or one SQLite statement.</summary>
    private sealed class RawRecordWriter : IDisposable
    {
        private readonly string? _directory;
        private readonly SqliteConnection? _connection;
        private readonly SqliteCommand? _insert;

        public RawRecordWriter(string kind, string directory)
        {
            if (kind == "file")
            {
                _directory = Path.Join(directory, "raw");
                Directory.CreateDirectory(_directory);
                return;
            }

            _connection = RawSqlite.Open(Path.Join(directory, "raw.db"), "CREATE TABLE store (id TEXT PRIMARY KEY, data BLOB NOT NULL)");
            _insert = _connection.CreateCommand();
            _insert.CommandText = "INSERT OR REPLACE INTO store (id, data) VALUES ($id, $data)";
            _insert.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
            _insert.Parameters.Add(new SqliteParameter { ParameterName = "$data" });
            _insert.Prepare();
        }

        public void Write(string id, ReadOnlySpan<byte> record)
        {
            if (_directory is not null)
            {
                var temporary = Path.Join(_directory, "." + id + ".tmp");
                using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
                {
                    stream.Write(record);
                }

                File.Move(temporary, Path.Join(_directory, id), overwrite: true);
                return;
            }

            _insert!.Parameters[0].Value = id;
            _insert.Parameters[1].Value = record.ToArray();
            _insert.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _insert?.Dispose();
            _connection?.Dispose();
        }
    }
}
