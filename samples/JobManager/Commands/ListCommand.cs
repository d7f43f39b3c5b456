using System.CommandLine;
using Gc3.Persistence;
using Gc3.Persistence.Sql;
using JobManager.Cli;
using JobManager.Domain;

namespace JobManager.Commands;

/// <summary><c>list</c>: a table of the jobs, optionally only those in one state.</summary>
internal sealed class ListCommand : ICommand
{
    private readonly Option<JobState?> _state = new("--state")
    {
        HelpName = "STATE",
        Description = "only jobs in this state: new, submitted, running or terminated",
        CustomParser = result => OptionValues.Checked<JobState?>(result, text => Display.ParseState(text)),
    };

    public ListCommand()
    {
        // Tab completion offers the states.
        _state.CompletionSources.Add(Enum.GetNames<JobState>().Select(name => name.ToLowerInvariant()).ToArray());
        Definition = new("list", "list jobs") { _state };
    }

    public Command Definition { get; }

    public bool NeedsExistingStore => true;

    public int Execute(ParseResult parsed, CommandContext context)
    {
        var only = parsed.GetValue(_state);
        var store = context.Store;
        var table = new TableWriter("ID", "NAME", "STATE", "EXIT", "CORES", "MEMORY", "PROGRAM", "CREATED (UTC)");
        var counts = new SortedDictionary<JobState, int>();
        var unreadable = 0;
        IEnumerable<Id> candidates = store.List<Job>();
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

        var total = counts.Values.Sum();
        var summary = $"{Jobs(total)}{(total > 0 ? $" ({string.Join(", ", counts.Select(c => $"{c.Value} {Display.State(c.Key)}"))})" : "")}"
            + (unreadable > 0 ? $", {unreadable} unreadable" : "");
        if (table.RowCount > 0)
        {
            table.WriteTo(context.Out);
        }

        // The last line says what was shown and what the store holds, in one sentence.
        context.Out.WriteLine((only, table.RowCount) switch
        {
            (null, 0) => $"No jobs in {store}.",
            (null, _) => summary,
            ({ } state, 0) => $"No {Display.State(state)} jobs in {store}; it holds {summary}.",
            ({ } state, var shown) => $"{shown} {Display.State(state)} job{(shown == 1 ? "" : "s")} shown, of {summary}.",
        });
        return unreadable > 0 ? 1 : 0;
    }

    private static string Jobs(int count) => $"{count} job{(count == 1 ? "" : "s")}";
}
