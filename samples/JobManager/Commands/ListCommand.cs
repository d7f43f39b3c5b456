using Gc3.Persistence;
using Gc3.Persistence.Sql;
using JobManager.Cli;
using JobManager.Domain;

namespace JobManager.Commands;

/// <summary><c>list</c>: a table of the jobs, optionally only those in one state.</summary>
internal sealed class ListCommand : ICommand
{
    public CommandSpec Spec { get; } = new("list", "[--state STATE]", "list jobs", 0, 0,
    [
        new("--state", "STATE", false, "only jobs in this state: new, submitted, running or terminated"),
    ]);

    public int Execute(ParsedArguments args, CommandContext context)
    {
        JobState? only = args.Value("--state") is { } text ? Display.ParseState(text) : null;
        using var store = context.OpenStore();
        var table = new TableWriter("ID", "NAME", "STATE", "EXIT", "CORES", "MEMORY", "PROGRAM", "CREATED (UTC)");
        var counts = new SortedDictionary<JobState, int>();
        var unreadable = 0;
        var candidates = store.List().Where(id => id.Prefix == Job.IdPrefix);
        var countedByIndex = false;
        if (store is SqlStore sql)
        {
            // Job.State is a [StoreColumn("state")]: the SQL stores count and filter on the indexed column
            // and read only the records shown.
            foreach (var state in Enum.GetValues<JobState>())
            {
                var ids = sql.ListWhere("state", state).Where(id => id.Prefix == Job.IdPrefix).ToList();
                if (ids.Count > 0)
                {
                    counts[state] = ids.Count;
                }

                if (state == only)
                {
                    candidates = ids;
                }
            }

            countedByIndex = true;
        }

        foreach (var id in candidates)
        {
            Job job;
            try
            {
                job = store.Load<Job>(id);
            }
            catch (LoadException e)
            {
                // One damaged record must not hide the others.
                context.Error.WriteLine($"jobmanager: warning: {e.Message}");
                unreadable++;
                continue;
            }

            if (!countedByIndex)
            {
                counts[job.State] = counts.GetValueOrDefault(job.State) + 1;
            }

            if (only is null || job.State == only)
            {
                table.Add(id.ToString(), job.Name, Display.State(job.State), Display.Exit(job), job.Resources.Cores.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Display.Memory(job.Resources.MemoryMB), Display.Program(job), Display.Time(job.Created));
            }
        }

        if (table.RowCount == 0)
        {
            context.Out.WriteLine(only is null ? $"No jobs in {store}." : $"No {Display.State(only.Value)} jobs in {store}.");
        }
        else
        {
            table.WriteTo(context.Out);
        }

        var total = counts.Values.Sum();
        var summary = string.Join(", ", counts.Select(c => $"{c.Value} {Display.State(c.Key)}"));
        context.Out.WriteLine($"{total} job{(total == 1 ? "" : "s")}{(total > 0 ? $" ({summary})" : "")}{(unreadable > 0 ? $", {unreadable} unreadable" : "")}");
        return unreadable > 0 ? 1 : 0;
    }
}
