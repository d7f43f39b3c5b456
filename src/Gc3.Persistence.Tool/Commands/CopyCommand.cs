namespace Gc3.Persistence.Tool.Commands;

/// <summary>
/// <c>copy</c>: every record with its ID and writer schema into another store (created when missing),
/// and the target's counter past the source's. Interrupted and run again, it finishes the job; a
/// different record under one of the IDs in the target stops it, and nothing is overwritten. A writer
/// schema that copied records name but the source does not keep whole (so it could not be copied) is
/// named on standard error, and the exit code is 1.
/// </summary>
internal sealed class CopyCommand : IToolCommand
{
    private readonly Argument<string> _source = StoreArguments.Store("SOURCE", "the store to copy from");
    private readonly Argument<string> _target = StoreArguments.Store("TARGET", "the store to copy into (created when missing; may hold an interrupted copy)");

    private readonly Option<int> _batchSize = new("--batch-size")
    {
        HelpName = "N",
        Description = $"records per batch, one transaction in a SQL target (default {StoreCopy.DefaultBatchSize})",
        DefaultValueFactory = _ => StoreCopy.DefaultBatchSize,
    };

    public Command Definition => field ??= new Command(
        "copy",
        "copy every record with its ID and schema into another store (file, SQLite, PostgreSQL); run it again after an interruption to finish")
    { _source, _target, _batchSize };

    public async Task<int> ExecuteAsync(ParseResult parsed, ToolContext context, CancellationToken cancellationToken)
    {
        var batchSize = parsed.GetValue(_batchSize);
        if (batchSize <= 0)
        {
            throw new ToolException($"--batch-size must be 1 or more, not {batchSize}.", 2);
        }

        var sourceUri = parsed.GetValue(_source)!;
        var targetUri = parsed.GetValue(_target)!;
        var source = context.OpenStore(sourceUri);
        var target = context.OpenStore(targetUri, create: true);
        if (string.Equals(source.ToString(), target.ToString(), StringComparison.Ordinal))
        {
            throw new ToolException($"The source and the target are the same store ({source}).", 2);
        }

        var total = await source.CountAsync(cancellationToken).ConfigureAwait(false);
        StoreCopyResult result;
        using (var progress = context.Progress("copy", total, streamsOutput: false))
        {
            result = await StoreCopy.CopyAsync(source, target, batchSize, new Progress(progress), cancellationToken).ConfigureAwait(false);
        }

        if (context.Json)
        {
            using var json = new JsonLines(context.Console);
            json.WriteObject(writer =>
            {
                writer.WriteString("source", sourceUri);
                writer.WriteString("target", targetUri);
                writer.WriteNumber("records", result.Records);
                writer.WriteNumber("written", result.Written);
                writer.WriteNumber("alreadyThere", result.Records - result.Written);
                writer.WriteNumber("bytes", result.Bytes);
                writer.WriteNumber("schemas", result.Schemas);
                writer.WriteNumber("targetRecords", result.TargetCount);
                writer.WriteNumber("nextIdNumber", result.NextIdNumber);
                writer.WriteStartArray("missingSchemas");
                foreach (var (hash, records) in result.MissingSchemas.OrderBy(m => m.Key))
                {
                    writer.WriteStartObject();
                    writer.WriteString("hash", StatsCommand.Hex(hash));
                    writer.WriteNumber("records", records);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            });
        }
        else
        {
            context.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Copied {Counted.Of(result.Records, "record")} ({result.Bytes:N0} bytes) from {sourceUri} to {targetUri}: {result.Written:N0} written, {result.Records - result.Written:N0} already there; {Counted.Of(result.Schemas, "schema")} added."));
            context.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"The target holds {Counted.Of(result.TargetCount, "record")}; its ID counter gives {result.NextIdNumber:N0} next."));
        }

        // The records are there, but a schema they need is not: the copy is not the whole store, and says so.
        context.Out.Flush();
        foreach (var (hash, records) in result.MissingSchemas.OrderBy(m => m.Key))
        {
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"gc3p: {records:N0} copied record{(records == 1 ? " names" : "s name")} the writer schema {StatsCommand.Hex(hash)}, which the source does not keep whole (missing or damaged: see its warnings), so it was not copied: they are in the target as they are, but cannot be decoded without their type (run 'gc3p verify' on the source)."));
        }

        var skipped = context.Skipped(source);
        if (skipped > 0)
        {
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"gc3p: the source skipped {skipped} thing{(skipped == 1 ? "" : "s")} it holds but could not read (the warnings above name {(skipped == 1 ? "it" : "each")}): not copied."));
        }

        return result.MissingSchemas.Count == 0 && skipped == 0 ? 0 : 1;
    }

    // Reported synchronously on the copying thread (System.Progress would post to the thread pool, out of order).
    private sealed class Progress(ProgressDisplay display) : IProgress<StoreCopyProgress>
    {
        public void Report(StoreCopyProgress value) => display.Report(value.Records);
    }
}
