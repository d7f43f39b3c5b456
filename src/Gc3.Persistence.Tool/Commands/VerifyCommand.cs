using System.CommandLine;
using System.Globalization;
using System.Threading.Channels;
using Gc3.Persistence.Records;
using Gc3.Persistence.Tool.Output;

namespace Gc3.Persistence.Tool.Commands;

/// <summary>
/// <c>verify</c>: every record's framing, checksum and ID, its body decoded with its writer schema,
/// every reference resolved, and the ID counter above the highest ID. Each problem is reported with
/// the ID, and the check goes on; exit code 0 when the store is clean, 1 when problems were found.
/// </summary>
internal sealed class VerifyCommand : IToolCommand
{
    private const int BatchSize = 256;

    private readonly Argument<string> _store = StoreArguments.Store();

    public Command Definition => field ??= new Command(
        "verify",
        "check every record (framing, checksum, the ID it names, decodable with its writer schema, references resolve) and the ID counter; exit 1 when problems are found")
    { _store };

    public async Task<int> ExecuteAsync(ParseResult parsed, ToolContext context, CancellationToken cancellationToken)
    {
        var uri = parsed.GetValue(_store)!;
        var store = context.OpenStore(uri);
        var checker = new RecordChecker(store, await RecordDecoder.CreateAsync(store, context.Limits.MaxNestingDepth, cancellationToken).ConfigureAwait(false));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Two cores: one thread reads the records (and, first, another counts them for the progress
        // display) while this one checks them, in the order they were read, so the output is in ID order.
        var batches = Channel.CreateBounded<List<RawRecord>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(() => ReadBatchesAsync(store, batches.Writer, stop.Token), stop.Token);
        long total;
        try
        {
            total = await Task.Run(() => store.CountAsync(stop.Token), stop.Token).ConfigureAwait(false);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(reading).ConfigureAwait(false);
            throw;
        }

        using var json = context.Json ? new JsonLines(context.Console) : null;
        var held = new List<(string Id, string Problem)>();
        long records = 0;
        long problems = 0;
        var progress = context.Progress("verify", total, streamsOutput: false);
        try
        {
            void Report(string id, string problem)
            {
                problems++;
                if (progress.IsLive)
                {
                    held.Add((id, problem)); // printed once the bar is gone
                }
                else
                {
                    WriteProblem(context, json, id, problem);
                }
            }

            try
            {
                await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                {
                    foreach (var record in batch)
                    {
                        records++;
                        foreach (var problem in checker.Check(record))
                        {
                            Report(record.Id.ToString(), problem);
                        }
                    }

                    progress.Report(records);
                }
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await Task.WhenAny(reading).ConfigureAwait(false); // the reader's own error, if any, is not the one to report
                throw;
            }

            await reading.ConfigureAwait(false); // a read error ends the batches early: it is the one to report

            foreach (var (id, problem) in await checker.FinishAsync(cancellationToken).ConfigureAwait(false))
            {
                Report(id, problem);
            }
        }
        finally
        {
            progress.Dispose();
        }

        foreach (var (id, problem) in held)
        {
            WriteProblem(context, json, id, problem);
        }

        if (json is not null)
        {
            var writer = json.Writer;
            writer.WriteStartObject();
            writer.WriteString("store", uri);
            writer.WriteNumber("records", records);
            writer.WriteNumber("problems", problems);
            if (checker.NextIdNumber is { } next)
            {
                writer.WriteNumber("nextIdNumber", next);
            }

            writer.WriteEndObject();
            json.EndLine();
        }
        else
        {
            context.Out.WriteLine(problems == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{records:N0} record{(records == 1 ? "" : "s")} verified: no problems.")
                : string.Create(CultureInfo.InvariantCulture, $"{records:N0} record{(records == 1 ? "" : "s")} verified: {problems:N0} problem{(problems == 1 ? "" : "s")}."));
        }

        return problems == 0 ? 0 : 1;
    }

    // The records in ID order, in batches (fewer hand-overs between the threads than one by one).
    private static async Task ReadBatchesAsync(IRecordStore store, ChannelWriter<List<RawRecord>> writer, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<RawRecord>(BatchSize);
            await foreach (var record in store.ReadRawRecordsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                batch.Add(record);
                if (batch.Count == BatchSize)
                {
                    await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    batch = new List<RawRecord>(BatchSize);
                }
            }

            if (batch.Count > 0)
            {
                await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }

            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
            throw;
        }
    }

    private static void WriteProblem(ToolContext context, JsonLines? json, string id, string problem)
    {
        if (json is null)
        {
            context.Out.WriteLine($"{id}: {problem}");
            return;
        }

        json.Writer.WriteStartObject();
        json.Writer.WriteString("id", id);
        json.Writer.WriteString("problem", problem);
        json.Writer.WriteEndObject();
        json.EndLine();
    }
}
