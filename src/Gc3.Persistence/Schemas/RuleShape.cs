// Linked into the generator (netstandard2.0) with ResolutionRules.cs: no spans, ranges or newer APIs.
#nullable enable
using System;
using System.Collections.Generic;

namespace Gc3.Persistence.Schemas;

/// <summary>
/// A parsed shape string of the schema contract, as <see cref="ResolutionRules"/> reads it: its kind (<c>int32</c>,
/// <c>list</c>, <c>enum</c>, ...), the name or tag it names, and its element shapes. The runtime's public parser is
/// <c>SchemaShape</c>; this one is the few lines the schema lock's analyzer shares.
/// </summary>
internal sealed class RuleShape
{
    private RuleShape(string kind, string? name, List<RuleShape> arguments)
    {
        Kind = kind;
        Name = name;
        Arguments = arguments;
    }

    /// <summary>The kind: a scalar's name, <c>string</c>, <c>nullable</c>, <c>enum</c>, <c>object</c>, <c>ref</c>, <c>list</c>, <c>array</c>, <c>set</c>, <c>dict</c> or <c>opaque</c>.</summary>
    public string Kind { get; }

    /// <summary>The (escaped) name or tag of <c>enum</c>, <c>object</c>, <c>ref</c> and <c>opaque</c>.</summary>
    public string? Name { get; }

    /// <summary>The element shapes (a dictionary's key, then its value).</summary>
    public List<RuleShape> Arguments { get; }

    /// <summary>Parses a shape string; throws <see cref="FormatException"/>.</summary>
    public static RuleShape Parse(string text)
    {
        var position = 0;
        var shape = Parse(text, ref position);
        return position == text.Length ? shape : throw new FormatException($"unexpected '{text[position]}' in the shape '{text}'");
    }

    private static RuleShape Parse(string text, ref int position)
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
            return new RuleShape(kind, null, []);
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
            return new RuleShape(kind, name, []);
        }

        var arguments = new List<RuleShape> { Parse(text, ref position) };
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
        return new RuleShape(kind, null, arguments);
    }

    /// <inheritdoc/>
    public override string ToString()
        => Name is not null ? Kind + "<" + Name + ">"
            : Arguments.Count == 0 ? Kind
            : Kind + "<" + string.Join(",", Arguments) + ">";
}
