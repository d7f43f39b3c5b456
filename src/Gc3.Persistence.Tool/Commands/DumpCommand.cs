namespace Gc3.Persistence.Tool.Commands;

/// <summary><c>dump</c>: every record as a line of JSON (JSON Lines), streamed: memory stays flat however many records there are.</summary>
internal sealed class DumpCommand() : StoreCommand("dump", "every record as one line of JSON (JSON Lines), streamed", selects: true)
{
    protected override async Task<int> ExecuteAsync(SelectedStore store, ParseResult parsed, ToolContext context, CancellationToken cancellationToken)
    {
        var decoder = await store.DecoderAsync(context, cancellationToken).ConfigureAwait(false);
        var total = await store.Records.CountAsync(cancellationToken).ConfigureAwait(false);
        using var json = new JsonLines(context.Console);
        long records = 0;
        var failed = 0;
        using (var progress = context.Progress("dump", total, streamsOutput: true))
        {
            await foreach (var record in store.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!decoder.TryWrite(json, record, context.Error))
                {
                    failed++;
                }

                progress.Report(++records);
            }
        }

        return failed == 0 ? 0 : 1;
    }
}
