using System.Buffers;

namespace Gc3.Persistence.Benchmarks.Subjects;

/// <summary>
/// A reference point without I/O: a serializer encoding the plain <see cref="JobDto"/> into a
/// reused buffer and keeping a copy of the bytes per job (A and C), and decoding each copy (B), the
/// same work <see cref="InMemoryStore"/> does around the generated serializer.
/// </summary>
public abstract class InMemorySerializerSubject : Subject
{
    /// <inheritdoc/>
    public override string Settings => "in memory";

    /// <inheritdoc/>
    public override bool InMemory => true;

    /// <summary>Encodes <paramref name="dto"/> into <paramref name="buffer"/>.</summary>
    protected abstract void Serialize(ArrayBufferWriter<byte> buffer, JobDto dto);

    /// <summary>Decodes a DTO.</summary>
    protected abstract JobDto Deserialize(byte[] bytes);

    /// <inheritdoc/>
    public override void Run(WorkloadData data, PhaseTimer timer, string directory)
    {
        var n = data.Jobs.Count;
        var dtos = data.Jobs.Select(j => j.ToDto(ExecutableName(j.ExecutableIndex))).ToArray();
        var records = new byte[n][];
        var buffer = new ArrayBufferWriter<byte>(4096);
        timer.Time(Phase.SaveNew, n, () =>
        {
            for (var i = 0; i < n; i++)
            {
                Keep(buffer, dtos[i], ref records[i]);
            }
        });

        dtos = null;
        var loaded = new JobDto[n];
        timer.Time(Phase.LoadCold, n, () =>
        {
            for (var i = 0; i < n; i++)
            {
                loaded[i] = Deserialize(records[i]);
            }
        });

        for (var i = 0; i < n; i++)
        {
            Check(data.Jobs[i].Matches(loaded[i], ExecutableName(data.Jobs[i].ExecutableIndex), data.Jobs[i].State), $"job {i} decoded with other values");
        }

        timer.Time(Phase.Replace, n, () =>
        {
            for (var i = 0; i < n; i++)
            {
                loaded[i].State = WorkloadData.NextState(loaded[i].State);
                Keep(buffer, loaded[i], ref records[i]);
            }
        });

        Check(Deserialize(records[n - 1]).State == WorkloadData.NextState(data.Jobs[n - 1].State), "the replaced state did not stick");
        timer.RecordSize(records.Sum(r => (long)r.Length));
    }

    private void Keep(ArrayBufferWriter<byte> buffer, JobDto dto, ref byte[] stored)
    {
        buffer.ResetWrittenCount();
        Serialize(buffer, dto);
        if (stored is null || stored.Length != buffer.WrittenCount)
        {
            stored = new byte[buffer.WrittenCount];
        }

        buffer.WrittenSpan.CopyTo(stored);
    }
}
