using System.Text.Json;

namespace Gc3.Persistence.Tool.Output;

/// <summary>Writes JSON values to standard output, one per line (JSON Lines), with <see cref="Utf8JsonWriter"/>.</summary>
internal sealed class JsonLines : IDisposable
{
    private readonly ToolConsole _console;
    private readonly Utf8JsonWriter _writer;

    public JsonLines(ToolConsole console, bool indented = false)
    {
        _console = console;
        console.Out.Flush();
        _writer = new Utf8JsonWriter(
            console.OutputStream,
            new JsonWriterOptions { Indented = indented, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The writer of the current line: write one value, then call <see cref="EndLine"/>.</summary>
    public Utf8JsonWriter Writer => _writer;

    public void EndLine()
    {
        _writer.Flush();
        _console.OutputStream.WriteByte((byte)'\n');
        _writer.Reset();
    }

    /// <summary>Writes one JSON object as a line: <paramref name="members"/> writes its members.</summary>
    public void WriteObject(Action<Utf8JsonWriter> members)
    {
        _writer.WriteStartObject();
        members(_writer);
        _writer.WriteEndObject();
        EndLine();
    }

    /// <summary>Writes one line of JSON already encoded (compact, no line breaks).</summary>
    public void WriteRaw(ReadOnlySpan<byte> json)
    {
        _console.OutputStream.Write(json);
        _console.OutputStream.WriteByte((byte)'\n');
    }

    public void Dispose() => _writer.Dispose();
}
