using System.Globalization;
using System.Text;

namespace Sim.Cli.Output;

/// <summary>
/// Writes a CSV file with invariant formatting: numbers round-trip ("R"), LF line ends, no BOM, so
/// the same results give the same bytes on every machine.
/// </summary>
internal sealed class CsvTable(params string[] columns)
{
    private readonly StringBuilder _text = new StringBuilder().AppendJoin(',', columns).Append('\n');

    public void Row(params object[] cells)
    {
        if (cells.Length != columns.Length)
        {
            throw new ArgumentException($"Expected {columns.Length} cells, got {cells.Length}.", nameof(cells));
        }

        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            _text.Append(Format(cells[i]));
        }

        _text.Append('\n');
    }

    public void WriteTo(string path) => File.WriteAllText(path, _text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    private static string Format(object cell) => cell switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string s when s.AsSpan().IndexOfAny(",\"\n") >= 0 => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        _ => cell.ToString() ?? string.Empty,
    };
}
