using Gc3.Persistence.Benchmarks.Measurement;
using Gc3.Persistence.Benchmarks.Model;
using Gc3.Persistence.Benchmarks.Workload;
using MemoryPack;

namespace Gc3.Persistence.Benchmarks.Subjects;

/// <summary>
/// The file limit: the MemoryPack bytes of the plain DTO, one file per job, written to a temporary
/// file and renamed into place (with <paramref name="fsync"/>, flushed to the disk before the
/// rename); read back with one read and a deserialize. What a careful hand-written file store does.
/// </summary>
public sealed class RawFileSubject(bool fsync) : Subject
{
    /// <inheritdoc/>
    public override string Name => fsync ? "raw-file-fsync" : "raw-file";

    /// <inheritdoc/>
    public override string Settings => fsync ? "temp file + fsync + rename" : "temp file + rename, no fsync";

    /// <inheritdoc/>
    public override void Run(WorkloadData data, PhaseTimer timer, string directory)
    {
        var n = data.Jobs.Count;
        var dtos = data.Jobs.Select(j => j.ToDto(ExecutableName(j.ExecutableIndex))).ToArray();
        var names = Enumerable.Range(0, n).Select(JobName).ToArray();
        timer.Time(Phase.SaveNew, n, () =>
        {
            for (var i = 0; i < n; i++)
            {
                WriteAtomically(directory, names[i], MemoryPackSerializer.Serialize(dtos[i]));
            }
        });

        dtos = null;
        var loaded = new JobDto[n];
        timer.Time(Phase.LoadCold, n, () =>
        {
            for (var i = 0; i < n; i++)
            {
                loaded[i] = MemoryPackSerializer.Deserialize<JobDto>(File.ReadAllBytes(Path.Join(directory, names[i])))!;
            }
        });

        for (var i = 0; i < n; i++)
        {
            Check(data.Jobs[i].Matches(loaded[i], ExecutableName(data.Jobs[i].ExecutableIndex), data.Jobs[i].State), $"{names[i]} read back with other values");
        }

        timer.Time(Phase.Replace, n, () =>
        {
            for (var i = 0; i < n; i++)
            {
                loaded[i].State = WorkloadData.NextState(loaded[i].State);
                WriteAtomically(directory, names[i], MemoryPackSerializer.Serialize(loaded[i]));
            }
        });

        var last = MemoryPackSerializer.Deserialize<JobDto>(File.ReadAllBytes(Path.Join(directory, names[^1])))!;
        Check(last.State == WorkloadData.NextState(data.Jobs[^1].State), "the replaced state did not stick");
        timer.RecordSize(DirectorySize(directory));

        var listed = new List<string>();
        timer.Time(Phase.List, n, () =>
        {
            foreach (var path in Directory.EnumerateFiles(directory))
            {
                var name = Path.GetFileName(path);
                if (!name.StartsWith('.'))
                {
                    listed.Add(name);
                }
            }

            listed.Sort(StringComparer.Ordinal);
        });
        Check(listed.Count == n, $"listed {listed.Count} files instead of {n}");
    }

    private void WriteAtomically(string directory, string name, byte[] bytes)
    {
        var path = Path.Join(directory, name);
        var temporary = Path.Join(directory, "." + name + ".tmp");
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            stream.Write(bytes);
            if (fsync)
            {
                stream.Flush(flushToDisk: true);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }
}
