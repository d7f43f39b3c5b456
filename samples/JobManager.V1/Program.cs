using System.Security.Cryptography;
using Gc3.Persistence;
using JobManager.V1;

// Version 1 of the job manager, reduced to what the v1 -> v2 scenario needs: it saves a few jobs in the
// states version 1 knew, on the store given (a directory, sqlite://... or postgresql://...), and prints
// their IDs and states, one per line, for version 2 (samples/JobManager) to read back.
if (args is not ["seed", var uri])
{
    Console.Error.WriteLine("usage: jobmanager-v1 seed STORE");
    return 2;
}

await using var store = StoreFactory.Make(uri);
var program = File.ReadAllBytes("/bin/sleep");
var sleep = new Executable { Path = "/bin/sleep", Checksum = Convert.ToHexStringLower(SHA256.HashData(program)), SizeBytes = program.Length };
var now = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
Job[] jobs =
[
    new() { Name = "queued", State = JobState.New, Executable = sleep, Arguments = ["1"], Created = now, Tags = ["v1"], Priority = 3 },
    new() { Name = "running", State = JobState.Running, Executable = sleep, Arguments = ["2"], Created = now, Tags = ["v1", "long"], Priority = 1 },
    new() { Name = "done", State = JobState.Terminated, Executable = sleep, Arguments = ["3"], Created = now, ExitCode = 7 },
];
foreach (var job in jobs)
{
    var id = await store.SaveAsync(job);
    Console.WriteLine($"{id} {job.State} {job.Name}");
}

return 0;
