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

// GC3_WORKER_DURABLE=1 opens the store with Durable = true (the crash tests run some rounds that way).
using var store = StoreFactory.Make(uri, Environment.GetEnvironmentVariable("GC3_WORKER_DURABLE") == "1" ? new StoreOptions { Durable = true } : null);
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

    case "save-until-error":
        // save-until-error URI: saves jobs until a save throws (the fault tests stop the database or fill
        // the disk), then prints "error TYPE INNER-TYPE MESSAGE" and exits normally.
        for (var i = 0; ; i++)
        {
            try
            {
                stdout.WriteLine($"saved {store.Save(NewJob($"until-{i}"))}");
            }
            catch (Exception e)
            {
                stdout.WriteLine($"error {e.GetType().FullName} {e.InnerException?.GetType().FullName ?? "-"} {e.Message.ReplaceLineEndings(" ")}");
                return 0;
            }
        }

    case "tx-increment":
        // tx-increment URI ID COUNT TAG: COUNT times, in one transaction, adds 1 to the job's Cores and
        // saves a new job named TAG-i; a ConcurrencyException rolls both back and is retried. Prints
        // "done RETRIES".
        var retries = 0;
        for (var i = 0; i < int.Parse(args[3]); i++)
        {
            var log = NewJob($"{args[4]}-{i}");
            while (true)
            {
                store.InvalidateCache();
                var counter = store.Load<Job>(Id.Parse(args[2]));
                counter.Cores++;
                using var tx = store.BeginTransaction();
                tx.Save(log);
                tx.Save(counter);
                try
                {
                    tx.Commit();
                    break;
                }
                catch (ConcurrencyException)
                {
                    retries++;
                    if (log.PersistentId is not null)
                    {
                        throw new InvalidOperationException($"A rolled-back transaction left the ID {log.PersistentId} on its new object.");
                    }
                }
            }
        }

        stdout.WriteLine($"done {retries}");
        return 0;
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
    case "crash-graphs":
        // crash-graphs URI SEED: saves graphs of Nodes until killed; see CrashGraphs below.
        CrashGraphs(store, stdout, int.Parse(args[2]));
        return 0;
    case "increment":
        // increment URI ID COUNT: COUNT times, loads the job afresh, adds 1 to its Cores and saves it;
        // a ConcurrencyException is retried. Prints "done".
        for (var i = 0; i < int.Parse(args[3]); i++)
        {
            while (true)
            {
                store.InvalidateCache();
                var counted = store.Load<Job>(Id.Parse(args[2]));
                counted.Cores++;
                try
                {
                    store.Save(counted);
                    break;
                }
                catch (Exception e) when (e.GetType().Name == "ConcurrencyException")
                {
                }
            }
        }

        stdout.WriteLine("done");
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

// Saves graphs of Nodes until killed, each node named TAG/VERSION/SIZE/INDEX (SIZE: the nodes saved
// together under TAG): chains, cycles, trees (a parent, its children, their children), SaveMany of
// several chains under one tag, and updates that rename every node of an earlier graph to a new
// version and save it again. Prints "ready", then "ack KIND TAG VERSION ID..." once a save returned.
static void CrashGraphs(IStore store, TextWriter stdout, int seed)
{
    var random = new Random(seed);
    var graphs = new List<(string Tag, List<Node> Nodes, int Version)>();
    stdout.WriteLine("ready");
    for (var i = 0; ; i++)
    {
        var tag = $"s{seed}g{i}";
        var kind = random.Next(5);
        if (kind == 4 && graphs.Count > 0)
        {
            var g = random.Next(graphs.Count);
            var (oldTag, nodes, version) = graphs[g];
            version++;
            for (var k = 0; k < nodes.Count; k++)
            {
                nodes[k].Name = $"{oldTag}/{version}/{nodes.Count}/{k}";
            }

            store.Save(nodes[0]);
            graphs[g] = (oldTag, nodes, version);
            stdout.WriteLine($"ack update {oldTag} {version} {string.Join(' ', nodes.Select(n => n.PersistentId))}");
            continue;
        }

        var all = new List<Node>();
        Node Make() { var node = new Node { Name = "" }; all.Add(node); return node; }
        List<Node> roots = [];
        switch (kind)
        {
            case 0 or 4: // a chain
                roots.Add(Chain(random.Next(2, 7), Make));
                break;
            case 1: // a cycle
                var head = Chain(random.Next(2, 7), Make);
                var last = head;
                while (last.Next is not null)
                {
                    last = last.Next;
                }

                last.Next = head;
                roots.Add(head);
                break;
            case 2: // a tree
                var root = Make();
                for (var c = random.Next(1, 5); c > 0; c--)
                {
                    var child = Make();
                    child.Next = random.Next(2) == 0 ? Make() : null;
                    root.Children.Add(child);
                }

                roots.Add(root);
                break;
            default: // several chains in one SaveMany
                for (var r = random.Next(2, 5); r > 0; r--)
                {
                    roots.Add(Chain(random.Next(1, 4), Make));
                }

                break;
        }

        for (var k = 0; k < all.Count; k++)
        {
            all[k].Name = $"{tag}/1/{all.Count}/{k}";
        }

        if (roots.Count > 1)
        {
            store.SaveMany(roots);
            stdout.WriteLine($"ack many {tag} 1 {string.Join(' ', all.Select(n => n.PersistentId))}");
        }
        else
        {
            store.Save(roots[0]);
            graphs.Add((tag, all, 1));
            stdout.WriteLine($"ack new {tag} 1 {string.Join(' ', all.Select(n => n.PersistentId))}");
        }
    }
}

static Node Chain(int length, Func<Node> make)
{
    var head = make();
    var node = head;
    for (var k = 1; k < length; k++)
    {
        node.Next = make();
        node = node.Next;
    }

    return head;
}

static Job NewJob(string name) => new()
{
    Name = name,
    State = JobState.New,
    Arguments = ["--in", name],
    Cores = 1,
    Submitted = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc),
};
