using Gc3.Persistence.Benchmarks.Subjects;
using Gc3.Persistence.Files;
using Gc3.Persistence.Records;
using Gc3.Persistence.Sqlite;
using Gc3.Persistence.Tool;
using Microsoft.Data.Sqlite;
using static Gc3.Persistence.Benchmarks.Measurement.Statistics;

namespace Gc3.Persistence.Benchmarks.ToolMode;

/// <summary>
/// The gc3p figures of issue 16, printed in one run: <c>copy</c> file -> SQLite against raw SQLite
/// inserts of the same bytes in one transaction (target: at least 0.5x), <c>verify</c> of a file store
/// against a raw sequential read of its files (target: at least 0.8x), both on jobs-v1 records, each
/// A/B pair interleaved over the repetitions (medians); then <c>gc3p dump</c>'s peak memory, as a child
/// process writing to /dev/null, at each store size (flat is the target). Each side runs once on a
/// small store of its own before the timed runs (compiled code warm for both), every timed run reads
/// the same files from the page cache, and each database is deleted once both sides of a repetition ran.
/// </summary>
public sealed class ToolRunner(BenchmarkOptions options, TextWriter output)
{
    public async Task RunAsync(string directory)
    {
        var n = options.ToolN;
        output.WriteLine($"gc3p figures: {n:N0} jobs-v1 jobs (+{WorkloadData.ExecutableCount} executables), {options.Repetitions} repetition(s), medians; {Environment.ProcessorCount} cores");
        var files = Path.Join(directory, "tool-files");
        using (var store = new FilesystemStore(files))
        {
            Fill(store, n);
        }

        // Warm-up: each side once on a small store of its own, so that no side pays for compiling its code in the timed runs.
        var warmUp = Path.Join(directory, "tool-warm-up");
        using (var store = new FilesystemStore(warmUp))
        {
            Fill(store, Math.Min(n, 1000));
        }

        await TimeCopyAsync(warmUp, Path.Join(directory, "warm-up-copy.db")).ConfigureAwait(false);
        TimeRawInsert(warmUp, Path.Join(directory, "warm-up-raw.db"));
        await TimeVerifyAsync(warmUp).ConfigureAwait(false);
        TimeRawRead(warmUp);

        var records = Directory.EnumerateFiles(files).Count(f => !Path.GetFileName(f).StartsWith('.'));
        var copy = new List<double>();
        var rawInsert = new List<double>();
        var verify = new List<double>();
        var rawRead = new List<double>();
        for (var repetition = 0; repetition < options.Repetitions; repetition++)
        {
            copy.Add(await TimeCopyAsync(files, Path.Join(directory, $"copy-{repetition}.db")).ConfigureAwait(false));
            rawInsert.Add(TimeRawInsert(files, Path.Join(directory, $"raw-{repetition}.db")));
            DeleteDatabase(Path.Join(directory, $"copy-{repetition}.db")); // neither side's dirty pages are written back during the other's run
            DeleteDatabase(Path.Join(directory, $"raw-{repetition}.db"));
            verify.Add(await TimeVerifyAsync(files).ConfigureAwait(false));
            rawRead.Add(TimeRawRead(files));
        }

        output.WriteLine();
        output.WriteLine($"{"what",-44} {"seconds",9} {"records/s",12} {"ratio",7} target");
        Row($"copy file -> SQLite (StoreCopy)", Median(copy), records, Median(rawInsert) / Median(copy), ">= 0.5x");
        Row($"raw SQLite inserts, one transaction", Median(rawInsert), records, null, string.Empty);
        Row($"  copy vs raw read + raw inserts", Median(copy), records, (Median(rawRead) + Median(rawInsert)) / Median(copy), "(the copy must read the files too)");
        Row($"verify file store (gc3p verify, in process)", Median(verify), records, Median(rawRead) / Median(verify), ">= 0.8x");
        Row($"raw sequential read of the files", Median(rawRead), records, null, string.Empty);
        output.WriteLine("ratio = reference time / gc3p time (1.0: as fast as the reference).");

        if (options.DumpSizes.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"{"gc3p dump (child process, stdout to /dev/null)",-48} {"records",10} {"seconds",9} {"peak RSS MB",12}");
            foreach (var size in options.DumpSizes)
            {
                var store = Path.Join(directory, $"dump-{size}.db");
                using (var sqlite = new SqliteStore(store))
                {
                    Fill(sqlite, size);
                }

                var (seconds, peak) = DumpPeak("sqlite://" + store);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"sqlite",-48} {size + WorkloadData.ExecutableCount,10:N0} {seconds,9:F2} {peak / (1024.0 * 1024),12:F1}"));
                File.Delete(store);
            }
        }
    }

    // n jobs sharing the workload's executables, saved in chunks (a chunk's objects are dropped after it).
    private static void Fill(IStore store, int n)
    {
        const int Chunk = 20_000;
        var executables = WorkloadData.Create(1).Executables.Select(e => e.ToExecutable()).ToArray();
        for (var start = 0; start < n; start += Chunk)
        {
            var data = WorkloadData.Create(Math.Min(Chunk, n - start));
            store.SaveMany(data.Jobs.Select(j => (object)j.ToJob(executables[j.ExecutableIndex])).ToArray());
        }
    }

    private static async Task<double> TimeCopyAsync(string files, string database)
    {
        using var source = new FilesystemStore(files);
        using var target = new SqliteStore(database);
        var clock = Stopwatch.StartNew();
        await StoreCopy.CopyAsync(source, target).ConfigureAwait(false);
        return clock.Elapsed.TotalSeconds;
    }

    // The bytes of every record, read beforehand, inserted into a table of the store's layout through one prepared command in one transaction.
    private static double TimeRawInsert(string files, string database)
    {
        var records = Directory.EnumerateFiles(files).Where(f => !Path.GetFileName(f).StartsWith('.')).Select(f => (Id: Id.Parse(Path.GetFileName(f)), Data: File.ReadAllBytes(f)))
            .Select(r => (r.Id, r.Data, Tag: RecordFormat.ReadHeader(r.Id, r.Data, out _))).ToArray();
        using var connection = RawSqlite.Open(database, "CREATE TABLE store (prefix TEXT NOT NULL, seqno BIGINT NOT NULL, id TEXT NOT NULL, tag TEXT NOT NULL, data BLOB NOT NULL, version BIGINT NOT NULL, state TEXT, PRIMARY KEY (prefix, seqno))");
        var clock = Stopwatch.StartNew();
        using (var transaction = connection.BeginTransaction())
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO store (prefix, seqno, id, tag, data, version, state) VALUES ($prefix, $seqno, $id, $tag, $data, 1, NULL)";
            var prefix = insert.Parameters.Add("$prefix", SqliteType.Text);
            var seqNo = insert.Parameters.Add("$seqno", SqliteType.Integer);
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var tag = insert.Parameters.Add("$tag", SqliteType.Text);
            var data = insert.Parameters.Add("$data", SqliteType.Blob);
            insert.Prepare();
            foreach (var record in records)
            {
                prefix.Value = record.Id.Prefix;
                seqNo.Value = record.Id.SeqNo;
                id.Value = record.Id.ToString();
                tag.Value = record.Tag;
                data.Value = record.Data;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> TimeVerifyAsync(string files)
    {
        var clock = Stopwatch.StartNew();
        var exitCode = await ToolApp.RunAsync(["verify", files], new ToolConsole(Stream.Null, TextWriter.Null, false, false), default).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"gc3p verify found problems in the benchmark's store (exit code {exitCode}).");
        }

        return seconds;
    }

    // Every record file read whole, in directory order: what any checker must at least do.
    private static double TimeRawRead(string files)
    {
        var clock = Stopwatch.StartNew();
        long bytes = 0;
        foreach (var file in Directory.EnumerateFiles(files))
        {
            if (!Path.GetFileName(file).StartsWith('.'))
            {
                bytes += File.ReadAllBytes(file).Length;
            }
        }

        GC.KeepAlive(bytes);
        return clock.Elapsed.TotalSeconds;
    }

    // gc3p dump as a child process; its peak RSS is the kernel's high-water mark (VmHWM), polled while it runs.
    private static (double Seconds, long PeakBytes) DumpPeak(string store)
    {
        var tool = Path.Join(AppContext.BaseDirectory, "gc3p.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[tool, "dump", store])
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start gc3p");
        var drain = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var errors = process.StandardError.ReadToEndAsync();
        long peak = 0;
        var status = $"/proc/{process.Id}/status";
        while (!process.HasExited)
        {
            try
            {
                foreach (var line in File.ReadLines(status))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        peak = Math.Max(peak, long.Parse(line.AsSpan(6).Trim()[..^3], CultureInfo.InvariantCulture) * 1024);
                    }
                }
            }
            catch (IOException)
            {
                break; // exited meanwhile
            }

            Thread.Sleep(20);
        }

        process.WaitForExit();
        drain.GetAwaiter().GetResult();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"gc3p dump failed (exit code {process.ExitCode}): {errors.Result}");
        }

        return (clock.Elapsed.TotalSeconds, peak);
    }

    private void Row(string what, double seconds, int records, double? ratio, string target)
        => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-44} {seconds,9:F3} {records / seconds,12:N0} {(ratio is { } r ? $"{r:F2}x" : ""),7} {target}"));

    private static void DeleteDatabase(string path)
    {
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(path + suffix);
        }
    }
}
