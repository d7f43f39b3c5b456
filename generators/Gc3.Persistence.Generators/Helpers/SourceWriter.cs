using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Gc3.Persistence.Generators.Helpers;

/// <summary>Builds indented C# text line by line; multi-line strings are re-indented at the current level.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new(4096);

    public int Indentation { get; set; }

    public SourceWriter WriteLine(string line = "")
    {
        if (line.Length == 0)
        {
            _text.Append('\n');
            return this;
        }

        foreach (var part in line.Replace("\r\n", "\n").Split('\n'))
        {
            if (part.Length > 0)
            {
                _text.Append(' ', Indentation * 4);
            }

            _text.Append(part).Append('\n');
        }

        return this;
    }

    public SourceWriter OpenBlock(string header)
    {
        WriteLine(header);
        WriteLine("{");
        Indentation++;
        return this;
    }

    public SourceWriter CloseBlock(string closing = "}")
    {
        Indentation--;
        return WriteLine(closing);
    }

    public SourceText ToSourceText()
    {
        if (Indentation != 0)
        {
            throw new InvalidOperationException($"Unbalanced indentation ({Indentation}) in generated source.");
        }

        return SourceText.From(_text.ToString(), Encoding.UTF8);
    }

    public override string ToString() => _text.ToString();
}
