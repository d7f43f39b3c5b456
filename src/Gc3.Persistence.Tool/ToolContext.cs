namespace Gc3.Persistence.Tool;

/// <summary>
/// What a command works with: the console, whether it writes JSON, the limits every store is opened
/// with, and the stores it opened (closed when it ends).
/// </summary>
internal sealed class ToolContext(ToolConsole console, bool json, StoreLimits limits) : IDisposable
{
    private readonly List<IStore> _stores = [];
    private readonly Dictionary<IRecordStore, WarningLogger> _logs = [];

    public ToolConsole Console { get; } = console;

    public TextWriter Out => Console.Out;

    public TextWriter Error => Console.Error;

    /// <summary>Whether <c>--json</c> was given.</summary>
    public bool Json { get; } = json;

    /// <summary>The nesting depth and record size limits of <c>--max-nesting-depth</c> and <c>--max-record-bytes</c>.</summary>
    public StoreLimits Limits { get; } = limits;

    /// <summary>
    /// Opens the store <paramref name="uri"/> names. Unless <paramref name="create"/> (a copy's target), it is opened
    /// read-only: nothing is written, not even what opening a store for writing does (a file store finishing a killed
    /// writer's commit, a SQL table upgraded), and a store that does not exist is an error, as is a folder that holds files but no file store.
    /// </summary>
    public IRecordStore OpenStore(string uri, bool create = false)
    {
        IStore store;
        var log = new WarningLogger(Console.Error);
        try
        {
            store = StoreFactory.Make(uri, Limits.Options(create, log));
        }
        catch (ArgumentException e)
        {
            throw new ToolException(e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal), 2);
        }

        _stores.Add(store);
        if (!create && store is Files.FilesystemStore files)
        {
            FileStoreFolder.EnsureHoldsStore(files); // a wrong path is no store of no records
        }

        var records = store as IRecordStore ?? throw new ToolException($"The store '{uri}' does not give its records as bytes.");
        _logs[records] = log;
        return records;
    }

    /// <summary>How many different things <paramref name="store"/> said in its warnings that it skipped (<see cref="WarningLogger.Skipped"/>).</summary>
    public int Skipped(IRecordStore store) => _logs.TryGetValue(store, out var log) ? log.Skipped : 0;

    /// <summary>A progress display for a long command that counts up to <paramref name="total"/>.</summary>
    /// <param name="label">What is counted, as in "verify".</param>
    /// <param name="total">The count at the end; 0 when unknown.</param>
    /// <param name="streamsOutput">Whether the command writes to standard output as it goes (then a bar is shown only when that output goes elsewhere than the terminal).</param>
    public ProgressDisplay Progress(string label, long total, bool streamsOutput)
    {
        if (Console.ErrorIsTerminal && streamsOutput && Console.OutputIsTerminal)
        {
            return ProgressDisplay.None;
        }

        return Console.ErrorIsTerminal
            ? new LiveProgressDisplay(Console.Error, label, total)
            : new PlainProgressDisplay(Console.Error, label, total);
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
    }
}
