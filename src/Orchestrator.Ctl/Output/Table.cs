using System.Text;

namespace Orchestrator.Ctl.Output;

/// <summary>
/// Rows aligned as kubectl aligns them: each column as wide as its widest cell, three spaces between columns,
/// no padding after the last one. The header row is upper-case column names.
/// </summary>
public sealed class Table(IReadOnlyList<string> headers)
{
    private const int Gap = 3;
    private readonly List<IReadOnlyList<string>> _rows = [];

    /// <summary>The column names.</summary>
    public IReadOnlyList<string> Headers { get; } = headers;

    /// <summary>The rows added so far.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    /// <summary>Adds a row of as many cells as there are headers.</summary>
    public void Add(IReadOnlyList<string> cells)
    {
        if (cells.Count != Headers.Count) throw new ArgumentException($"a row has {cells.Count} cells for {Headers.Count} columns");
        _rows.Add(cells);
    }

    /// <summary>
    /// The table as text, one line per row, with or without the header line. <paramref name="alignWithHeaders"/> sizes
    /// the columns for the headers too when they are not printed (rows printed under an earlier header, as by a watch).
    /// </summary>
    public string Render(bool withHeaders = true, bool alignWithHeaders = false)
    {
        var all = withHeaders ? _rows.Prepend(Headers).ToList() : _rows;
        var sized = withHeaders || !alignWithHeaders ? all : _rows.Prepend(Headers).ToList();
        var widths = Enumerable.Range(0, Headers.Count).Select(c => sized.Count == 0 ? 0 : sized.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in all)
        {
            var line = new StringBuilder();
            for (var c = 0; c < row.Count; c++)
            {
                if (c < row.Count - 1) line.Append(row[c].PadRight(widths[c] + Gap));
                else line.Append(row[c]);
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
        }

        return text.ToString();
    }
}
