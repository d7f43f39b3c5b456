using System.Text.Json;
using Gc3.Persistence.Records;
using Gc3.Persistence.Tool.Output;

namespace Gc3.Persistence.Tool.Commands;

/// <summary>
/// Writes records as JSON for <c>show</c> and <c>dump</c>: the header fields (<c>$id</c>, <c>$tag</c>,
/// <c>$schema</c>) and the body. Until the store keeps writer schemas, the body is its bytes in base64.
/// </summary>
internal sealed class RecordDecoder
{
    private RecordDecoder()
    {
    }

    public static Task<RecordDecoder> CreateAsync(IRecordStore store, CancellationToken cancellationToken)
    {
        _ = store;
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new RecordDecoder());
    }

    /// <summary>Writes one record as a JSON object; throws <see cref="LoadException"/> when it is damaged.</summary>
    public Task WriteAsync(Utf8JsonWriter writer, RawRecord record, int depth, CancellationToken cancellationToken)
    {
        _ = depth;
        cancellationToken.ThrowIfCancellationRequested();
        if (record.Problem is not null)
        {
            throw new LoadException(record.Id, record.Problem);
        }

        var span = record.Data.Span;
        RecordFormat.ReadId(record.Id, span, out var hash);
        var tag = RecordFormat.ReadHeader(record.Id, span, out var body);
        writer.WriteStartObject();
        writer.WriteString("$id", record.Id.ToString());
        writer.WriteString("$tag", tag);
        writer.WriteString("$schema", StatsCommand.Hex(hash));
        writer.WriteBase64String("$body", span[body]);
        writer.WriteEndObject();
        return Task.CompletedTask;
    }

    /// <summary>Writes one record as a line; a damaged record is a line on standard error instead, and false.</summary>
    public async Task<bool> TryWriteAsync(JsonLines json, RawRecord record, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(json.Writer, record, 0, cancellationToken).ConfigureAwait(false);
            json.EndLine();
            return true;
        }
        catch (LoadException e)
        {
            json.Writer.Reset();
            error.WriteLine($"gc3p: {e.Message}");
            return false;
        }
    }

    /// <summary>Writes the stored schemas (of one tag); returns the exit code.</summary>
    public int WriteSchemas(ToolContext context, string? tag)
    {
        _ = tag;
        context.Out.WriteLine("This store keeps no writer schemas.");
        return 0;
    }
}
