namespace Gc3.Persistence.Tool.Commands;

/// <summary>
/// <c>verify</c>: every record's framing, checksum and ID, its body decoded with its writer schema,
/// every reference resolved, and the ID counter above the highest ID. Each problem is reported with
/// the ID, and the check goes on; exit code 0 when the store is clean, 1 when problems were found.
/// </summary>
internal sealed class VerifyCommand() : StoreCommand(
    "verify",
    "check every record (framing, checksum, the ID it names, decodable with its writer schema, references resolve to records of the types they name) and the ID counter; exit 1 when problems are found")
{
    private const int BatchSize = 256;

    protected override async Task<int> ExecuteAsync(SelectedStore selected, ParseResult parsed, ToolContext context, CancellationToken cancellationToken)
    {
        var (uri, store) = (selected.Uri, selected.Records);
        var checker = new RecordChecker(store, await selected.DecoderAsync(context, cancellationToken).ConfigureAwait(false));

        // Two cores: one thread reads the records (and, first, another counts them for the progress
        // display) while this one checks them, in the order they were read, so the output is in ID order.
        await using var reader = RawRecordBatchReader.Start(store, BatchSize, readAhead: 4, cancellationToken: cancellationToken);
        var total = await Task.Run(() => store.CountAsync(cancellationToken), cancellationToken).ConfigureAwait(false);

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

            // A read error ends the batches early: it is the one reported (the reader stops when the checks fail).
            await foreach (var batch in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
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

            foreach (var (id, problem) in await checker.FinishAsync(cancellationToken).ConfigureAwait(false))
            {
                Report(id, problem);
            }

            // What the store left out of its listing (a row whose key makes no ID, a file 'job.07'...) is no record
            // checked above, but it is damage all the same: its warnings name each.
            if (context.Skipped(store) is var skipped and > 0)
            {
                Report("(store)", string.Create(CultureInfo.InvariantCulture, $"the store skipped {skipped} thing{(skipped == 1 ? "" : "s")} it holds but could not read (a row, a file, a schema or a journal: the warnings above name {(skipped == 1 ? "it" : "each")})"));
            }

            // gc3p opens the store read-only, so a save a killed process left past its commit point is not finished: the
            // records were checked as they are on disk, without it.
            if (store is Files.FilesystemStore { UnfinishedCommitJournals: var journals })
            {
                foreach (var journal in journals)
                {
                    Report("(store)", $"the commit journal '{journal}' holds a save a killed process left unfinished: the records were checked as they are on disk, without it; opening the store for writing (an application, or gc3p copy into it) finishes the save");
                }
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
            json.WriteObject(writer =>
            {
                writer.WriteString("store", uri);
                writer.WriteNumber("records", records);
                writer.WriteNumber("problems", problems);
                if (checker.NextIdNumber is { } next)
                {
                    writer.WriteNumber("nextIdNumber", next);
                }
            });
        }
        else
        {
            // An empty folder is a store nothing was saved in yet (opening one creates no file), or no store at all: said so.
            var empty = problems == 0 && records == 0 && store is Files.FilesystemStore files && FileStoreFolder.IsEmpty(files)
                ? " (the folder is empty: a store nothing was saved in yet, or no store)"
                : "";
            context.Out.WriteLine(problems == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{Counted.Of(records, "record")} verified: no problems{empty}.")
                : string.Create(CultureInfo.InvariantCulture, $"{Counted.Of(records, "record")} verified: {Counted.Of(problems, "problem")}."));
        }

        return problems == 0 ? 0 : 1;
    }

    private static void WriteProblem(ToolContext context, JsonLines? json, string id, string problem)
    {
        if (json is null)
        {
            context.Out.WriteLine($"{id}: {Printable.Of(problem)}"); // one line, whatever a forged tag holds
            return;
        }

        json.WriteObject(writer =>
        {
            writer.WriteString("id", id);
            writer.WriteString("problem", problem);
        });
    }
}
