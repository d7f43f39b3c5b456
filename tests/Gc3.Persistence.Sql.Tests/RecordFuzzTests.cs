using System.Buffers.Binary;
using System.Diagnostics;
using Gc3.Persistence.Files;
using Gc3.Persistence.Records;
using Gc3.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace Gc3.Persistence.Sql.Tests;

/// <summary>
/// Mutated and hostile records, per store: bits flipped, bytes set, lengths replaced by extreme values,
/// records truncated, extended, spliced and copied over each other, most of them with their framing
/// and checksum made valid again (as a hostile writer would), so the decoder itself is attacked. Every
/// load must load or be a <see cref="LoadException"/>: never another exception, a hang or a crash, and
/// never an allocation over <see cref="AllocationBound"/>. 2,000 records per store in the normal test
/// run; <c>GC3_FUZZ_RECORDS=100000</c> (and <c>GC3_FUZZ_SEED</c>) for the long mode (docs/stores.md).
/// </summary>
public sealed class RecordFuzzTests(ITestOutputHelper output) : TemporaryDirectoryTests("fuzz")
{
    /// <summary>
    /// What one load of a mutated record may allocate: 64 KiB plus 32 bytes per byte of the record (the
    /// records of the graph it reaches, its objects, the exception). Before format version 2, loads of
    /// such records of a few hundred bytes allocated up to 145 MB.
    /// </summary>
    public static long AllocationBound(int recordLength) => (64 << 10) + (32L * recordLength);

    private static readonly int[] Interesting =
    [
        int.MinValue, int.MinValue + 1, int.MinValue + 3, -2, -1, 0, 1, 2, 3, 7, 8, 127, 128, 255, 256, 0x7FFF, 0xFFFF, 0x10000,
        1 << 20, 1 << 24, 0x3FFFFFFF, int.MaxValue - 8, int.MaxValue,
    ];

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        base.Dispose();
    }

    [Fact]
    public void Mutated_records_of_a_file_store_load_or_are_LoadExceptions()
    {
        using var store = new FilesystemStore(Folder.Combine("files"));
        Fuzz("file", store, (id, bytes) => File.WriteAllBytes(store.PathOf(id), bytes), id => File.ReadAllBytes(store.PathOf(id)));
    }

    [Fact]
    public void Mutated_records_of_an_SQLite_store_load_or_are_LoadExceptions()
    {
        var path = Folder.Combine("fuzz.db");
        using var store = (SqliteStore)StoreFactory.Make($"sqlite://{path}#table=fuzz");
        using var connection = SqliteFile.Open(path);
        Fuzz(
            "sqlite",
            store,
            (id, bytes) =>
            {
                using var update = connection.CreateCommand();
                update.CommandText = "UPDATE fuzz SET data = $data WHERE id = $id";
                update.Parameters.AddWithValue("$data", bytes);
                update.Parameters.AddWithValue("$id", id.ToString());
                Assert.Equal(1, update.ExecuteNonQuery());
            },
            id =>
            {
                using var select = connection.CreateCommand();
                select.CommandText = "SELECT data FROM fuzz WHERE id = $id";
                select.Parameters.AddWithValue("$id", id.ToString());
                return (byte[])select.ExecuteScalar()!;
            });
    }

    private void Fuzz(string name, IStore store, Action<Id, byte[]> write, Func<Id, byte[]> read)
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("GC3_FUZZ_RECORDS"), out var n) ? n : 2_000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("GC3_FUZZ_SEED"), out var s) ? s : 14_02;
        var ids = SaveCorpus(store);
        var originals = ids.ToDictionary(id => id, read);
        var random = new Random(seed);
        var (loaded, refused, maxAllocated, maxLength) = (0, 0, 0L, 0);
        var byReason = new Dictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();

        // On a worker thread with a watchdog: a load that does not answer within a minute fails the
        // test (and stops the loop) instead of stalling the run.
        var done = 0;
        var stop = false;
        var run = Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < count && !Volatile.Read(ref stop); i++, Volatile.Write(ref done, i))
                {
                    var id = ids[random.Next(ids.Count)];
                    var (mutated, how) = Mutate(originals[id], originals[ids[random.Next(ids.Count)]], random);
                    write(id, mutated);
                    store.InvalidateCache();
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    try
                    {
                        store.Load(id);
                        loaded++;
                    }
                    catch (LoadException e)
                    {
                        refused++;
                        var reason = Category(e.Reason);
                        byReason[reason] = byReason.GetValueOrDefault(reason) + 1;
                    }
                    catch (Exception e)
                    {
                        Assert.Fail($"{name} #{i} (seed {seed}, {how}) of {id}: {e.GetType().Name} instead of a LoadException: {e}\n{Convert.ToHexString(mutated)}");
                    }

                    var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                    Assert.True(
                        allocated <= AllocationBound(mutated.Length),
                        $"{name} #{i} (seed {seed}, {how}) of {id}: a load of {mutated.Length} bytes allocated {allocated}\n{Convert.ToHexString(mutated)}");
                    (maxAllocated, maxLength) = allocated > maxAllocated ? (allocated, mutated.Length) : (maxAllocated, maxLength);
                    write(id, originals[id]);
                }
            },
            TaskCreationOptions.LongRunning);
        for (var seen = -1; !run.Wait(TimeSpan.FromMinutes(1));)
        {
            var now = Volatile.Read(ref done);
            if (now == seen)
            {
                Volatile.Write(ref stop, true);
                Assert.Fail($"{name}: load #{now} (seed {seed}) did not answer within a minute");
            }

            seen = now;
            Console.WriteLine($"{name}: {now} of {count} mutated records loaded or refused");
        }

        run.GetAwaiter().GetResult();

        var summary = $"{name}: {count} mutated records (seed {seed}) in {clock.Elapsed.TotalSeconds:F1} s: {loaded} loaded, {refused} LoadException, 0 other; "
            + $"largest allocation {maxAllocated} bytes (a record of {maxLength}; bound {AllocationBound(maxLength)}); reasons: "
            + string.Join(", ", byReason.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"));
        output.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.Equal(count, loaded + refused);
        Assert.True(refused > count / 2, "most mutations should be refused");

        // Restored, every record loads as before.
        store.InvalidateCache();
        Assert.All(ids, id => store.Load(id));
    }

    private static List<Id> SaveCorpus(IStore store)
    {
        var executable = new Executable { Path = "/usr/bin/fuzz", Version = "1.0", Checksum = new string('c', 64) };
        var job = new Job
        {
            Name = "fuzzed",
            State = JobState.Running,
            Arguments = ["--in", "a.dat", ""],
            Environment = { ["HOME"] = "/home/fuzz", ["EMPTY"] = "" },
            Cores = 4,
            MemoryMB = 2048,
            Submitted = new DateTime(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc),
            ExitCode = 0,
            Output = "ok",
            Executable = executable,
        };
        var leaf = new Node { Name = "" };
        var chain = new Node { Name = "head", Next = new Node { Name = "middle", Next = leaf }, Children = [leaf] };
        var containers = new Containers
        {
            JobList = [job],
            JobArray = [job, null],
            JobsByName = { ["fuzzed"] = job },
            Tags = ["x", ""],
            Nested = [[leaf], []],
            Box = new JobBox { Label = "box", Job = job },
            Numbers = [1, -1, int.MaxValue],
            States = [JobState.Submitted, JobState.Running],
        };
        var settings = new Settings { Owner = "fuzz", Mode = "", Pinned = -1 };
        var machine = new GpuMachine { Name = "gpu", Cores = 8, Gpu = "H100" };
        // [MemoryPackable] members, decoded by MemoryPack's own generated code once the nesting guard let them through.
        var orchard = new Orchard
        {
            Name = "orchard",
            Root = new Branch { Label = "root", Next = new Branch { Label = "n", Next = new Branch() }, Forks = [new Branch { Label = "f", Weights = [1, -1] }] },
            Box = new JobBox { Label = "box", Job = job },
            ByName = { ["a"] = new Branch { Label = "a" } },
        };
        store.SaveMany([job, chain, containers, settings, machine, orchard]);
        return [executable.PersistentId!, job.PersistentId!, chain.PersistentId!, leaf.PersistentId!, containers.PersistentId!, settings.PersistentId!, machine.PersistentId!, orchard.PersistentId!];
    }

    // One mutation; most are made a valid record again (framing and checksum) so they reach the decoder.
    private static (byte[] Bytes, string How) Mutate(byte[] original, byte[] other, Random random)
    {
        var bytes = (byte[])original.Clone();
        string how;
        switch (random.Next(11))
        {
            case 10 when original.AsSpan().IndexOf("TestModel.Orchard"u8) >= 0:
                (bytes, how) = DeeplyNested(bytes, random);
                break;
            case 0:
                var bits = random.Next(1, 5);
                for (var b = 0; b < bits; b++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                how = $"{bits} bits flipped";
                break;
            case 1:
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                how = "a byte set";
                break;
            case 2 or 3 or 4:
                var at = random.Next(bytes.Length - 3);
                var value = random.Next(4) == 0 ? random.Next(int.MinValue, int.MaxValue) : Interesting[random.Next(Interesting.Length)];
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), value);
                how = $"int32 {value} at {at}";
                break;
            case 5:
                bytes = bytes[..random.Next(bytes.Length)];
                how = $"truncated to {bytes.Length}";
                break;
            case 6:
                var extra = new byte[random.Next(1, 64)];
                random.NextBytes(extra);
                var insertAt = random.Next(bytes.Length + 1);
                bytes = [.. bytes.AsSpan(0, insertAt), .. extra, .. bytes.AsSpan(insertAt)];
                how = $"{extra.Length} bytes inserted at {insertAt}";
                break;
            case 7:
                var from = random.Next(bytes.Length);
                var length = random.Next(1, Math.Min(32, bytes.Length - from) + 1);
                bytes = [.. bytes.AsSpan(0, from), .. bytes.AsSpan(from + length)];
                how = $"{length} bytes removed at {from}";
                break;
            case 8:
                bytes = (byte[])other.Clone();
                how = "another record copied over it";
                break;
            default:
                var cut = random.Next(Math.Min(bytes.Length, other.Length));
                bytes = [.. bytes.AsSpan(0, cut), .. other.AsSpan(cut)];
                how = $"spliced with another record at {cut}";
                break;
        }

        if (random.Next(4) != 0)
        {
            Reseal(bytes);
            how += ", resealed";
        }

        return (bytes, how);
    }

    // The Orchard's Root member replaced by a Branch chain (through Next: 5 bytes a level; through Forks: 10)
    // around the nesting limit or far past it (100,000 deep ended the process with a stack overflow before the guard).
    private static (byte[] Bytes, string How) DeeplyNested(byte[] record, Random random)
    {
        int[] depths = [62, 63, 64, 65, 1000, 100_000, random.Next(1, 20_000)];
        var depth = depths[random.Next(depths.Length)];
        var forks = random.Next(2) == 0;
        var level = forks ? 10 : 5;
        var value = new byte[(level * (depth + 1)) + (forks ? 0 : 1)];
        for (var i = 0; i <= depth; i++)
        {
            var at = level * i;
            value[at] = (byte)(forks ? 3 : 2); // Label "", then Next (or Next null and a Forks count)
            if (forks)
            {
                value[at + 5] = 255;
                value[at + 6] = (byte)(i < depth ? 1 : 0);
            }
        }

        if (!forks)
        {
            value[^1] = 255;
        }

        var tagLength = BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(13));
        var bodyAt = 25 + tagLength + BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(15)) + 4;
        var count = BinaryPrimitives.ReadInt32LittleEndian(record.AsSpan(bodyAt));
        var body = new List<byte>(record.AsSpan(bodyAt, 4).ToArray());
        var offset = bodyAt + 4;
        for (var m = 0; m < count; m++)
        {
            var key = BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(offset));
            var length = BinaryPrimitives.ReadInt32LittleEndian(record.AsSpan(offset + 4));
            var member = key == RootKey ? value : record.AsSpan(offset + 8, length).ToArray();
            body.AddRange(record.AsSpan(offset, 4).ToArray());
            body.AddRange(BitConverter.GetBytes(member.Length));
            body.AddRange(member);
            offset += 8 + length;
        }

        byte[] rebuilt = [.. record.AsSpan(0, bodyAt), .. body, 0, 0, 0, 0];
        return (rebuilt, $"Root nested {depth} deep through {(forks ? "Forks" : "Next")}");
    }

    // The key of Orchard.Root: FNV-1a of "Root" with the top bit set (docs/record-format.md).
    private static uint RootKey
    {
        get
        {
            var hash = 0x811C9DC5u;
            foreach (var b in "Root"u8)
            {
                hash = (hash ^ b) * 0x01000193u;
            }

            return hash | 0x80000000u;
        }
    }

    // A hostile writer's record: the body length made to match the bytes, and the checksum recomputed.
    private static void Reseal(byte[] bytes)
    {
        if (bytes.Length < 33 || bytes[3] != RecordFormat.Version)
        {
            return;
        }

        var bodyLengthAt = 25 + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(13)) + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(15));
        if (bodyLengthAt + 8 <= bytes.Length)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bodyLengthAt), bytes.Length - bodyLengthAt - 8);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32C(bytes.AsSpan(0, bytes.Length - 4)));
    }

    // CRC-32C, bit by bit (docs/record-format.md); the library's own is internal.
    private static uint Crc32C(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static string Category(string reason)
    {
        foreach (var known in new[] { "checksum mismatch", "copied or moved", "truncated", "bad magic", "format version", "not registered", "no such record", "refers to it as", "string claims", "nests values more than", "does not match its type", "corrupt" })
        {
            if (reason.Contains(known, StringComparison.Ordinal))
            {
                return known;
            }
        }

        return "other";
    }
}
