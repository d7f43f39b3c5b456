namespace Gc3.Persistence.Benchmarks.Subjects;

/// <summary>
/// The file limit: the MemoryPack bytes of the plain DTO, one file per job, written to a temporary
/// file and renamed into place (with <paramref name="fsync"/>, flushed to the disk before the
/// rename); read back with one read and a deserialize. What a careful hand-written file store does.
/// With <paramref name="gc3Way"/>, GC3Pie's FilesystemStore instead: a new file is written in place,
/// and a replace renames the old file aside, writes the new one under the freed name and unlinks the
/// old one. That never renames over an existing file (which ext4 writes back at once), and is not
/// crash-safe (a crash can leave a torn file under the record's name).
/// </summary>
public sealed class RawFileSubject(bool fsync, bool gc3Way = false) : Subject
{
    /// <inheritdoc/>
    public override string Name => gc3Way ? "gc3-file" : fsync ? "raw-file-fsync" : "raw-file";

    /// <inheritdoc/>
    public override string Settings => gc3Way
        ? "GC3Pie's way: new file written in place; replace = rename old aside, write, unlink old; no fsync"
        : fsync ? "temp file + fsync + rename" : "temp file + rename, no fsync";

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
                Write(directory, names[i], MemoryPackSerializer.Serialize(dtos[i]), replace: false);
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
                Write(directory, names[i], MemoryPackSerializer.Serialize(loaded[i]), replace: true);
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

    private void Write(string directory, string name, byte[] bytes, bool replace)
    {
        if (gc3Way)
        {
            WriteTheGc3Way(directory, name, bytes, replace);
            return;
        }

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

    private static void WriteTheGc3Way(string directory, string name, byte[] bytes, bool replace)
    {
        var path = Path.Join(directory, name);
        var aside = Path.Join(directory, "." + name + ".OLD");
        if (replace)
        {
            File.Move(path, aside, overwrite: true);
        }

        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            stream.Write(bytes);
        }

        if (replace)
        {
            File.Delete(aside);
        }
    }
}
