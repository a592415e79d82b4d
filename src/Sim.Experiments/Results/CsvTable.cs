using System.Globalization;
using System.Text;

namespace Sim.Experiments.Results;

/// <summary>
/// A CSV table as Sim writes its outputs: a header row, comma-separated cells, <c>\n</c> line ends,
/// UTF-8 without BOM, doubles in round-trip form (<c>R</c>, invariant culture) so reading a file back
/// gives the same values, and cells with commas or quotes quoted.
/// </summary>
public sealed class CsvTable
{
    private readonly StringBuilder _text = new();

    /// <summary>A table with <paramref name="columns"/>.</summary>
    public CsvTable(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns;
        AppendRow(columns);
    }

    /// <summary>The column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Rows written so far (without the header).</summary>
    public int RowCount { get; private set; }

    /// <summary>Appends a row; the cell count must match the columns.</summary>
    public void Row(params object[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"Expected {Columns.Count} cells, got {cells.Length}.", nameof(cells));
        }

        AppendRow(cells);
        RowCount++;
    }

    /// <summary>The whole table as text.</summary>
    public override string ToString() => _text.ToString();

    /// <summary>Writes the table to <paramref name="path"/>.</summary>
    public void WriteTo(string path) => File.WriteAllText(path, _text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    /// <summary>Formats one cell as the table writes it.</summary>
    public static string Format(object? cell) => cell switch
    {
        null => string.Empty,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s when s.AsSpan().IndexOfAny(",\"\n\r") >= 0 => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    /// <summary>Splits one line written by this class back into cells.</summary>
    public static IReadOnlyList<string> Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    private void AppendRow(IReadOnlyList<object> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            _text.Append(Format(cells[i]));
        }

        _text.Append('\n');
    }
}
