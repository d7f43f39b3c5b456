using System.Security.Cryptography;
using Gc3.Persistence;
using JobManager.Cli;
using JobManager.Domain;

namespace JobManager;

/// <summary>The job manager's queries over a store: jobs, batches and executables by ID prefix.</summary>
internal sealed class JobRepository(IStore store)
{
    public IStore Store { get; } = store;

    /// <summary>Parses an ID typed by the user; a malformed one is a usage error.</summary>
    public static Id ParseId(string text)
    {
        try
        {
            return Id.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>Loads a record the user named; a missing one is an error that names the ID and the store.</summary>
    public object LoadExisting(Id id)
        => Store.TryLoad<object>(id, out var obj) ? obj : throw new UserErrorException($"there is no record '{id}' in {Store}");

    public Job LoadJob(Id id) => LoadExisting(id) as Job ?? throw new UserErrorException($"'{id}' is not a job");

    // By type (the records' tags), not by ID prefix: a store's IDs need not tell a record's type.
    public IEnumerable<Job> Jobs() => Store.LoadMany<Job>(Store.List<Job>());

    public IEnumerable<JobBatch> Batches() => Store.LoadMany<JobBatch>(Store.List<JobBatch>());

    public IEnumerable<Executable> Executables() => Store.LoadMany<Executable>(Store.List<Executable>());

    public JobBatch? FindBatch(string name) => Batches().FirstOrDefault(b => b.Name == name);

    /// <summary>The batches that hold <paramref name="job"/>.</summary>
    public IEnumerable<JobBatch> BatchesOf(Job job) => Batches().Where(b => b.Jobs.Contains(job));

    // The store's identity map loads a shared executable as one object, so the jobs that run it hold that very object.
    public IEnumerable<Job> JobsRunning(Executable executable) => Jobs().Where(j => ReferenceEquals(j.Executable, executable));

    /// <summary>
    /// The executable record for <paramref name="program"/>: an existing one when the same file (same
    /// path and checksum) was submitted before, so jobs share it, else a new one (saved with the job).
    /// </summary>
    public Executable FindOrCreateExecutable(string program)
    {
        var path = ResolveProgram(program);
        var (checksum, size) = Fingerprint(path);
        return Executables().FirstOrDefault(e => e.Path == path && e.Checksum == checksum)
            ?? new Executable { Path = path, Checksum = checksum, SizeBytes = size };
    }

    /// <summary>SHA-256 (lower-case hex) and size of a file.</summary>
    public static (string Checksum, long Size) Fingerprint(string path)
    {
        using var stream = File.OpenRead(path);
        return (Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length);
    }

    // A program name without a directory is looked up on PATH, as a shell would.
    private static string ResolveProgram(string program)
    {
        if (program.Contains('/') || program.Contains(Path.DirectorySeparatorChar))
        {
            var full = Path.GetFullPath(program);
            return IsRunnable(full) ? full : throw new UserErrorException($"'{program}' is not an executable file");
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in OperatingSystem.IsWindows() ? [program, program + ".exe"] : new[] { program })
            {
                var full = Path.Combine(directory, candidate);
                if (IsRunnable(full))
                {
                    return Path.GetFullPath(full);
                }
            }
        }

        throw new UserErrorException($"program '{program}' not found on PATH");
    }

    private static bool IsRunnable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
