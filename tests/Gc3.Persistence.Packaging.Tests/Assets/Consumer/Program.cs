using Consumer;
using Gc3.Persistence;
using Gc3.Persistence.Serialization;

// schemes: the URI schemes StoreFactory knows (store packages register theirs through the generated registration).
// save URI: builds a graph, saves it, reloads it in this process; load URI ID: loads it in a new process.
if (args[0] == "schemes")
{
    Console.WriteLine(string.Join(", ", StoreFactory.Schemes));
    return;
}

using var store = StoreFactory.Make(args[1]);
Workflow workflow;
if (args[0] == "save")
{
    var tool = new Tool { Path = "/opt/tools/align", Version = "2.1" };
    var tasks = new[] { "fetch", "align", "report" }.Select((name, i) => new TaskItem
    {
        Name = name,
        Tool = tool,
        Limits = new Limits(i + 1, 512L * (i + 1)),
        Arguments = [name, $"--step={i}"],
        Counters = new() { ["lines"] = 10 * i },
        ExitCode = i == 2 ? null : i,
        Finished = i == 2 ? null : new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddHours(i),
    }).ToArray();
    tasks[0].Next = tasks[1];
    tasks[1].Next = tasks[2];
    tasks[2].Next = tasks[0]; // a cycle
    workflow = new Workflow { Name = "nightly", Tasks = [.. tasks], ByName = tasks.ToDictionary(t => t.Name), Ordered = [tasks[2], tasks[1], tasks[0]] };
    var id = store.Save(workflow);
    Console.WriteLine($"saved {id}");
    store.InvalidateCache();
    workflow = store.Load<Workflow>(id);
}
else
{
    workflow = store.Load<Workflow>(Id.Parse(args[2]));
}

Console.WriteLine($"workflow {workflow.Name}: {workflow.Tasks.Count} tasks, {store.List().Count} records");
foreach (var task in workflow.Tasks)
{
    Console.WriteLine($"task {task.Name}: tool {task.Tool?.Path} {task.Tool?.Version}, limits {task.Limits.Cores}/{task.Limits.MemoryMB}, " +
        $"args [{string.Join(",", task.Arguments)}], lines {task.Counters["lines"]}, exit {task.ExitCode?.ToString() ?? "none"}, " +
        $"finished {task.Finished?.ToString("O") ?? "never"}, next {task.Next?.Name}");
}

Console.WriteLine($"shared tool: {workflow.Tasks.All(t => ReferenceEquals(t.Tool, workflow.Tasks[0].Tool))}");
Console.WriteLine($"dictionary and array hold the list's objects: {workflow.Tasks.All(t => ReferenceEquals(workflow.ByName[t.Name], t)) && ReferenceEquals(workflow.Ordered[0], workflow.Tasks[2])}");
Console.WriteLine($"cycle closed: {ReferenceEquals(workflow.Tasks[2].Next, workflow.Tasks[0])}");
Console.WriteLine($"changed after load: {workflow.Changed || workflow.Tasks.Any(t => t.Changed)}");
Console.WriteLine($"registered: {string.Join(", ", PersistableRegistry.All.Select(s => s.Tag).Order(StringComparer.Ordinal))}");
