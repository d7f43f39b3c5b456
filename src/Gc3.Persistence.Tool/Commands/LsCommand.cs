namespace Gc3.Persistence.Tool.Commands;

/// <summary><c>ls</c>: the IDs with tag, size and (SQL) state, in ID order, streamed.</summary>
internal sealed class LsCommand() : StoreCommand("ls", "list the records: ID, type tag, size and (SQL stores) state, in ID order", selects: true)
{
    protected override async Task<int> ExecuteAsync(SelectedStore store, ParseResult parsed, ToolContext context, CancellationToken cancellationToken)
    {
        var total = await store.Records.CountAsync(cancellationToken).ConfigureAwait(false);
        using var json = context.Json ? new JsonLines(context.Console) : null;
        long count = 0;
        long bytes = 0;
        using (var progress = context.Progress("ls", total, streamsOutput: true))
        {
            await foreach (var record in store.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                count++;
                bytes += Math.Max(record.Length, 0);
                if (json is not null)
                {
                    var writer = json.Writer;
                    writer.WriteStartObject();
                    writer.WriteString("id", record.Id.ToString());
                    writer.WriteString("tag", record.Tag);
                    writer.WriteNumber("size", record.Length);
                    if (record.State is not null)
                    {
                        writer.WriteString("state", record.State);
                    }

                    writer.WriteEndObject();
                    json.EndLine();
                }
                else
                {
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{record.Id,-24} {(record.Tag is null ? "(unreadable header)" : Printable.Of(record.Tag)),-32} {record.Length,10}  {Printable.Of(record.State)}").TrimEnd());
                }

                progress.Report(count);
            }
        }

        if (json is null)
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Counted.Of(count, "record")}, {bytes:N0} bytes"));
        }

        return 0;
    }
}
