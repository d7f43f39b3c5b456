using System.Globalization;
using Gc3.Persistence;
using JobManager.Domain;

namespace JobManager.Commands;

/// <summary><c>show ID</c>: everything about one job, batch or executable.</summary>
internal sealed class ShowCommand() : RecordCommand("show", "show one job, batch or executable", "the record to show: job.N, batch.N or exe.N")
{
    protected override void Execute(Id id, object record, JobRepository repository, TextWriter output)
    {
        switch (record)
        {
            case Job job:
                ShowJob(job, repository, output);
                break;
            case JobBatch batch:
                ShowBatch(batch, output);
                break;
            case Executable executable:
                ShowExecutable(executable, repository, output);
                break;
            default:
                output.WriteLine($"{id}: a {record.GetType().Name}");
                break;
        }
    }

    private static void ShowJob(Job job, JobRepository repository, TextWriter output)
    {
        output.WriteLine($"Job {job.PersistentId}: {job.Name}");
        Field(output, "State", Display.State(job.State) + (job.ExitCode is { } code ? $" (exit code {code})" : ""));
        Field(output, "Command", Display.CommandLine(job));
        if (job.Executable is { } exe)
        {
            Field(output, "Program", $"{exe.Path} ({exe.PersistentId}, sha256 {exe.Checksum[..16]}..., {Display.Number(exe.SizeBytes)} bytes)");
        }

        Field(output, "Environment", job.Environment.Count == 0 ? "-" : string.Join(" ", job.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => Display.Quote($"{e.Key}={e.Value}"))));
        Field(output, "Tags", job.Tags.Length == 0 ? "-" : string.Join(", ", job.Tags));
        Field(output, "Requested", $"{job.Resources.Cores} core{(job.Resources.Cores == 1 ? "" : "s")}, memory {Display.Memory(job.Resources.MemoryMB)}");
        var batches = repository.BatchesOf(job).Select(b => $"{b.Name} ({b.PersistentId})").ToList();
        Field(output, "Batch", batches.Count == 0 ? "-" : string.Join(", ", batches));
        Field(output, "Created", Display.Time(job.Created));
        Field(output, "Started", Display.Time(job.Started));
        Field(output, "Finished", Display.Time(job.Finished) + (job is { Started: { } s, Finished: { } f } ? $" (ran {(f - s).TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s)" : ""));
        Field(output, "History", string.Join(" -> ", job.History.Select(h => Display.State(h.State))));
        if (job.Output is { Length: > 0 } text)
        {
            output.WriteLine("  Output:");
            foreach (var line in text.TrimEnd('\n').Split('\n'))
            {
                output.WriteLine("    " + line);
            }
        }
    }

    private static void ShowBatch(JobBatch batch, TextWriter output)
    {
        output.WriteLine($"Batch {batch.PersistentId}: {batch.Name} ({batch.Jobs.Count} job{(batch.Jobs.Count == 1 ? "" : "s")})");
        var table = new TableWriter("ID", "NAME", "STATE", "EXIT");
        foreach (var job in batch.Jobs)
        {
            table.Add(job.PersistentId?.ToString() ?? "-", job.Name, Display.State(job.State), Display.Exit(job));
        }

        table.WriteTo(output);
    }

    private static void ShowExecutable(Executable executable, JobRepository repository, TextWriter output)
    {
        output.WriteLine($"Executable {executable.PersistentId}: {executable.Path}");
        Field(output, "SHA-256", executable.Checksum);
        Field(output, "Size", Display.Number(executable.SizeBytes) + " bytes");
        var users = repository.JobsRunning(executable).Select(j => j.PersistentId!.ToString()).ToList();
        Field(output, "Used by", users.Count == 0 ? "-" : string.Join(", ", users));
    }

    private static void Field(TextWriter output, string name, string value) => output.WriteLine($"  {name + ":",-13}{value}");
}
