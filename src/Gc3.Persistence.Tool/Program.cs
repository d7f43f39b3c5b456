namespace Gc3.Persistence.Tool;

/// <summary>The entry point of gc3p.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        // Ctrl+C stops a long command between two batches: a copy run again later finishes the job.
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        return await ToolApp.RunAsync(args, ToolConsole.FromProcess(), cancel.Token).ConfigureAwait(false);
    }
}
