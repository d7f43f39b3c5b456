using System.Buffers;
using System.Text;

namespace Gc3.Persistence.Tool.Output;

/// <summary>
/// Text from a store (a tag, a state, a schema's names, a problem that quotes them) as one line of plain text:
/// each control or format character (a newline, an escape sequence, a bidirectional override) as its
/// <c>\uXXXX</c> escape. A forged record's tag could otherwise print a listing line of a record that does not
/// exist, split a <c>verify</c> problem into lines that name other IDs, or drive the terminal.
/// </summary>
internal static class Printable
{
    // The control characters (C0, DEL, C1) and the format characters (Unicode category Cf) of the BMP.
    private static readonly SearchValues<char> Unprintable = SearchValues.Create(
        [.. Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)]);

    /// <summary><paramref name="text"/> with its control and format characters escaped; itself when it has none.</summary>
    public static string Of(string? text)
    {
        if (text is null || !text.AsSpan().ContainsAny(Unprintable))
        {
            return text ?? string.Empty;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (Unprintable.Contains(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }
}
