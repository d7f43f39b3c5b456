namespace Gc3.Persistence.Tool.Output;

/// <summary>A plain-text table with a header row, columns as wide as their widest cell; numbers (cells that start with a digit) right-aligned.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int RowCount => _rows.Count;

    /// <summary>Adds a row; control and format characters in a cell (text from a store) are escaped (<see cref="Printable"/>).</summary>
    public void Add(params string[] cells) => _rows.Add([.. cells.Select(Printable.Of)]);

    public void WriteTo(TextWriter output)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        Write(output, headers, widths, header: true);
        foreach (var row in _rows)
        {
            Write(output, row, widths, header: false);
        }
    }

    private static void Write(TextWriter output, string[] cells, int[] widths, bool header)
    {
        var parts = cells.Select((cell, i) => !header && cell.Length > 0 && char.IsAsciiDigit(cell[0]) && i > 0 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
        output.WriteLine(string.Join("  ", parts).TrimEnd());
    }
}
