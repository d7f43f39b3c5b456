using System.CommandLine;
using Gc3.Persistence.Tool.Output;

namespace Gc3.Persistence.Tool.Commands;

/// <summary><c>dump</c>: every record as a line of JSON (JSON Lines), streamed: memory stays flat however many records there are.</summary>
internal sealed class DumpCommand : IToolCommand
{
    private readonly Argument<string> _store = StoreArguments.Store();
    private readonly Option<string?> _tag = StoreArguments.Tag();
    private readonly Option<string?> _prefix = StoreArguments.Prefix();

    public Command Definition => field ??= new Command("dump", "every record as one line of JSON (JSON Lines), streamed") { _store, _tag, _prefix };

    public async Task<int> ExecuteAsync(ParseResult parsed, ToolContext context, CancellationToken cancellationToken)
    {
        var store = context.OpenStore(parsed.GetValue(_store)!);
        var total = await store.CountAsync(cancellationToken).ConfigureAwait(false);
        var decoder = await RecordDecoder.CreateAsync(store, context.Limits.MaxNestingDepth, cancellationToken).ConfigureAwait(false);
        using var json = new JsonLines(context.Console);
        long records = 0;
        var failed = 0;
        using (var progress = context.Progress("dump", total, streamsOutput: true))
        {
            await foreach (var record in store.ReadRawRecordsAsync(parsed.GetValue(_tag), parsed.GetValue(_prefix), cancellationToken).ConfigureAwait(false))
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
