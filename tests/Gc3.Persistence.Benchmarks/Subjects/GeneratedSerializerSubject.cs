using Gc3.Persistence.Serialization;
using Gc3.Persistence.Engine;

namespace Gc3.Persistence.Benchmarks.Subjects;

/// <summary>
/// The generated serializer itself, as issue 5's first target names it: a job encoded into a whole
/// record (header, members, the executable written as a reference, CRC-32C) and kept, as
/// <see cref="MemoryPackSubject"/> keeps the DTO's bytes (A and C); a record decoded into a new job,
/// checksum checked and the executable reference resolved through a store's identity map (B). What a
/// store adds around it (IDs, the cascade, the identity map entry of the saved or loaded job, the
/// store's own write or read) is the <c>memory</c> subject's. It drives the runtime's internal save
/// and load operations, which the benchmark project may see.
/// </summary>
public sealed class GeneratedSerializerSubject : Subject
{
    /// <inheritdoc/>
    public override string Name => "serializer";

    /// <inheritdoc/>
    public override string Settings => "generated serializer: whole records in memory, references resolved through an identity map";

    /// <inheritdoc/>
    public override bool InMemory => true;

    /// <inheritdoc/>
    public override void Run(WorkloadData data, PhaseTimer timer, string directory)
    {
        var n = data.Jobs.Count;
        using var store = new InMemoryStore();
        var executables = data.Executables.Select(e => e.ToExecutable()).ToArray();
        store.SaveMany(executables); // saved and unchanged: written as references, resolved by the identity map
        var jobs = data.Jobs.Select(j => j.ToJob(executables[j.ExecutableIndex])).ToArray();
        var ids = Enumerable.Range(0, n).Select(i => new Id("job", i + 1)).ToArray();
        var serializer = PersistableRegistry.GetForSave(jobs[0]);
        var save = new SaveOperation(store);
        var records = new byte[n][];

        timer.Time(Phase.SaveNew, n, () =>
        {
            for (var i = 0; i < n; i++)
            {
                Encode(save, serializer, ids[i], jobs[i], ref records[i]);
            }
        });

        jobs = null;
        var loaded = new Job[n];
        var load = new LoadOperation(store);
        timer.Time(Phase.LoadCold, n, () =>
        {
            for (var i = 0; i < n; i++)
            {
                loaded[i] = (Job)load.LoadRoot(ids[i], new RecordData(records[i], records[i].Length));
                load.Reset();
            }
        });

        for (var i = 0; i < n; i++)
        {
            Check(data.Jobs[i].Matches(loaded[i], data.Executables, data.Jobs[i].State), $"job {i} decoded with other values");
            Check(ReferenceEquals(loaded[i].Executable, executables[data.Jobs[i].ExecutableIndex]), $"job {i}'s executable was not resolved to the shared instance");
        }

        timer.Time(Phase.Replace, n, () =>
        {
            for (var i = 0; i < n; i++)
            {
                loaded[i].State = WorkloadData.NextState(loaded[i].State);
                Encode(save, serializer, ids[i], loaded[i], ref records[i]);
            }
        });

        var check = (Job)load.LoadRoot(ids[n - 1], new RecordData(records[n - 1], records[n - 1].Length));
        Check(check.State == WorkloadData.NextState(data.Jobs[n - 1].State), "the replaced state did not stick");
        timer.RecordSize(records.Sum(r => (long)r.Length));
    }

    // One record into the save's buffer, kept in an array of its own (reused when the length is the same).
    private static void Encode(SaveOperation save, PersistableSerializer serializer, Id id, Job job, ref byte[] stored)
    {
        save.Buffer.Clear();
        save.WriteRecord(serializer, id, job);

        var record = save.Buffer.WrittenSpan;
        if (stored is null || stored.Length != record.Length)
        {
            stored = new byte[record.Length];
        }

        record.CopyTo(stored);
    }
}
