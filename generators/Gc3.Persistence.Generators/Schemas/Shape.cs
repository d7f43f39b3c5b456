using System;
using System.Collections.Generic;

namespace Gc3.Persistence.Generators.Schemas;

/// <summary>A parsed shape string of the schema contract: its kind (<c>int32</c>, <c>list</c>, <c>enum</c>, ...), the name or tag it names, and its element shapes.</summary>
internal sealed class Shape
{
    private Shape(string kind, string? name, List<Shape> arguments)
    {
        Kind = kind;
        Name = name;
        Arguments = arguments;
    }

    public string Kind { get; }

    /// <summary>The (escaped) name or tag of <c>enum</c>, <c>object</c>, <c>ref</c> and <c>opaque</c>.</summary>
    public string? Name { get; }

    public List<Shape> Arguments { get; }

    public static Shape Parse(string text)
    {
        var position = 0;
        var shape = Parse(text, ref position);
        return position == text.Length ? shape : throw new FormatException($"unexpected '{text[position]}' in the shape '{text}'");
    }

    private static Shape Parse(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && char.IsLetterOrDigit(text[position]))
        {
            position++;
        }

        var kind = text.Substring(start, position - start);
        if (kind.Length == 0)
        {
            throw new FormatException($"no shape at offset {start} of '{text}'");
        }

        if (position >= text.Length || text[position] != '<')
        {
            return new Shape(kind, null, []);
        }

        position++;
        if (kind is "enum" or "object" or "ref" or "opaque")
        {
            var end = text.IndexOf('>', position);
            if (end < 0)
            {
                throw new FormatException($"no '>' closes '{kind}<' in '{text}'");
            }

            var name = text.Substring(position, end - position);
            position = end + 1;
            return new Shape(kind, name, []);
        }

        var arguments = new List<Shape> { Parse(text, ref position) };
        while (position < text.Length && text[position] == ',')
        {
            position++;
            arguments.Add(Parse(text, ref position));
        }

        if (position >= text.Length || text[position] != '>')
        {
            throw new FormatException($"no '>' closes '{kind}<' in '{text}'");
        }

        position++;
        return new Shape(kind, null, arguments);
    }
}
