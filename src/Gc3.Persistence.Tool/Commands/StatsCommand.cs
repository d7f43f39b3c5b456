namespace Gc3.Persistence.Tool.Commands;

/// <summary><c>stats</c>: records and bytes per tag, the writer schemas in use, the ID counter.</summary>
internal sealed class StatsCommand() : StoreCommand("stats", "records and bytes per type tag, the writer schemas in use, and the ID counter")
{
    protected override async Task<int> ExecuteAsync(SelectedStore selected, ParseResult parsed, ToolContext context, CancellationToken cancellationToken)
    {
        var (uri, store) = (selected.Uri, selected.Records);
        var total = await store.CountAsync(cancellationToken).ConfigureAwait(false);
        var tags = new SortedDictionary<string, (long Records, long Bytes)>(StringComparer.Ordinal);
        var schemas = new SortedDictionary<(ulong Hash, string Tag), long>();
        long records = 0;
        long bytes = 0;
        Id? highest = null;
        using (var progress = context.Progress("stats", total, streamsOutput: false))
        {
            await foreach (var record in store.ListRecordInfoAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var tag = record.Tag ?? "(unreadable header)";
                var (tagRecords, tagBytes) = tags.GetValueOrDefault(tag);
                tags[tag] = (tagRecords + 1, tagBytes + Math.Max(record.Length, 0));
                schemas[(record.SchemaHash, tag)] = schemas.GetValueOrDefault((record.SchemaHash, tag)) + 1;
                records++;
                bytes += Math.Max(record.Length, 0);
                if (highest is null || record.Id.SeqNo > highest.SeqNo)
                {
                    highest = record.Id;
                }

                progress.Report(records);
            }
        }

        long? counter;
        try
        {
            counter = await store.ReadIdCounterAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NotSupportedException)
        {
            counter = null;
        }

        if (context.Json)
        {
            using var json = new JsonLines(context.Console);
            json.WriteObject(writer =>
            {
                writer.WriteString("store", uri);
                writer.WriteNumber("records", records);
                writer.WriteNumber("bytes", bytes);
                writer.WriteStartArray("tags");
                foreach (var (tag, (tagRecords, tagBytes)) in tags)
                {
                    writer.WriteStartObject();
                    writer.WriteString("tag", tag);
                    writer.WriteNumber("records", tagRecords);
                    writer.WriteNumber("bytes", tagBytes);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteStartArray("schemas");
                foreach (var ((hash, tag), schemaRecords) in schemas)
                {
                    writer.WriteStartObject();
                    writer.WriteString("hash", Hex(hash));
                    writer.WriteString("tag", tag);
                    writer.WriteNumber("records", schemaRecords);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                if (highest is not null)
                {
                    writer.WriteString("highestId", highest.ToString());
                }

                if (counter is { } next)
                {
                    writer.WriteNumber("nextIdNumber", next);
                }
            });
            return 0;
        }

        var table = new TextTable("TAG", "RECORDS", "BYTES");
        foreach (var (tag, (tagRecords, tagBytes)) in tags)
        {
            table.Add(tag, N(tagRecords), N(tagBytes));
        }

        table.Add("total", N(records), N(bytes));
        table.WriteTo(context.Out);
        context.Out.WriteLine();
        var schemaTable = new TextTable("SCHEMA", "TAG", "RECORDS");
        foreach (var ((hash, tag), schemaRecords) in schemas)
        {
            schemaTable.Add(hash == 0 ? "(none)" : Hex(hash), tag, N(schemaRecords));
        }

        schemaTable.WriteTo(context.Out);
        context.Out.WriteLine();
        context.Out.WriteLine(counter is { } nextNumber
            ? $"ID counter: {(nextNumber == IRecordStore.NoIdLeft ? "no number left" : $"next number {N(nextNumber)}")}{(highest is null ? "" : $"; highest ID {highest}")}"
            : $"ID counter: not readable in this store{(highest is null ? "" : $"; highest ID {highest}")}");
        return 0;
    }

    /// <summary>A schema hash as the stores name it: 16 lower-case hex digits.</summary>
    public static string Hex(ulong hash) => hash.ToString("x16", CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
