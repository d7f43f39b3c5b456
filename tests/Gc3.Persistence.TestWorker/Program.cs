// The tests' child process. Every command opens its store through StoreFactory.Make, so one worker
// serves every store kind, and writes one line per event to stdout, flushed, for the parent to read.
using Gc3.Persistence;
using Gc3.Persistence.TestModel;

Console.Out.Flush();
var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: worker COMMAND STORE-URI [ARGS]");
    return 2;
}

var (command, uri) = (args[0], args[1]);
using var store = StoreFactory.Make(uri);
switch (command)
{
    case "save-many":
        // save-many URI COUNT TAG: COUNT jobs, each with its own Save; prints each ID.
        for (var i = 0; i < int.Parse(args[2]); i++)
        {
            stdout.WriteLine($"saved {store.Save(NewJob($"{args[3]}-{i}"))}");
        }

        stdout.WriteLine("done");
        return 0;
    case "save-loop":
        // save-loop URI: saves jobs until killed.
        for (var i = 0; ; i++)
        {
            stdout.WriteLine($"saved {store.Save(NewJob($"loop-{i}"))}");
        }

    case "save-batches":
        // save-batches URI SIZE: SaveMany of SIZE jobs named bN-i, batch after batch, until killed.
        for (var batch = 0; ; batch++)
        {
            var jobs = Enumerable.Range(0, int.Parse(args[2])).Select(i => NewJob($"b{batch}-{i}")).ToList();
            stdout.WriteLine($"batch {batch}");
            store.SaveMany(jobs);
        }

    case "update-one":
        // update-one URI ID NAME: loads the job, waits for "go" on stdin, renames it and saves.
        var job = store.Load<Job>(Id.Parse(args[2]));
        stdout.WriteLine("loaded");
        _ = Console.ReadLine();
        job.Name = args[3];
        try
        {
            store.Save(job);
            stdout.WriteLine("saved");
        }
        catch (Exception e) when (e.GetType().Name == "ConcurrencyException")
        {
            stdout.WriteLine($"conflict {e.Message}");
        }

        return 0;
    case "load":
        // load URI ID: loads a record in a process that has touched none of its types before.
        var loaded = store.Load(Id.Parse(args[2]));
        stdout.WriteLine($"type {loaded.GetType().FullName}");
        return 0;
    case "try-load":
        // try-load URI ID: loads a (damaged or hostile) record; a LoadException is an answer, a crash is not.
        try
        {
            stdout.WriteLine($"type {store.Load(Id.Parse(args[2])).GetType().FullName}");
        }
        catch (LoadException e)
        {
            stdout.WriteLine($"LoadException {e.Reason}");
        }

        return 0;
    default:
        Console.Error.WriteLine($"unknown command '{command}'");
        return 2;
}

static Job NewJob(string name) => new()
{
    Name = name,
    State = JobState.New,
    Arguments = ["--in", name],
    Cores = 1,
    Submitted = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc),
};
