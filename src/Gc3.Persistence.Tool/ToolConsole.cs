using System.Text;

namespace Gc3.Persistence.Tool;

/// <summary>Where the tool writes: standard output (text and JSON on one buffered stream) and standard error, and whether each is a terminal.</summary>
internal sealed class ToolConsole : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public ToolConsole(Stream output, TextWriter error, bool outputIsTerminal, bool errorIsTerminal)
    {
        OutputStream = new BufferedStream(output, 1 << 16);
        Out = new StreamWriter(OutputStream, Utf8, 1 << 12, leaveOpen: true) { NewLine = "\n" };
        Error = error;
        OutputIsTerminal = outputIsTerminal;
        ErrorIsTerminal = errorIsTerminal;
    }

    /// <summary>Standard output as bytes, for JSON; flush <see cref="Out"/> before writing to it.</summary>
    public Stream OutputStream { get; }

    /// <summary>Standard output as text.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: progress lines, problems, and the one line of an error.</summary>
    public TextWriter Error { get; }

    public bool OutputIsTerminal { get; }

    public bool ErrorIsTerminal { get; }

    /// <summary>The process's own console.</summary>
    public static ToolConsole FromProcess()
        => new(Console.OpenStandardOutput(), Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected);

    public void Flush()
    {
        Out.Flush();
        OutputStream.Flush();
        Error.Flush();
    }

    public void Dispose()
    {
        Flush();
        Out.Dispose();
        OutputStream.Dispose();
    }
}
