using System.Collections;
using System.Globalization;
using nietras.SeparatedValues;
using Sim.Traces.Csv;

namespace Sim.Traces.Columns;

/// <summary>
/// Reads one column of values from a data file, streaming, with the trace readers' CSV engine (Sep,
/// quotes not special, lines bounded by <see cref="TraceReaderOptions.MaxLineLength"/>): from a CSV
/// file whose first non-blank line is a header that names the column, or, with no column named, from
/// a file of one value per line. Blank lines are skipped and spaces around a field are ignored. It
/// returns the values' texts with their places; what a value means (a duration, a quantity) is the
/// caller's business. A file that is not of that shape fails with a <see cref="TraceFormatException"/>
/// naming the line and column.
/// </summary>
public static class DataColumn
{
    /// <summary>The values of <paramref name="column"/> (null: one value per line) of the file at <paramref name="path"/>, read lazily.</summary>
    /// <exception cref="ArgumentException">When <paramref name="column"/> is empty.</exception>
    public static IEnumerable<DataCell> ReadFile(string path, string? column, TraceReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new Cells(() => TraceCsv.OpenFile(path), path, Check(column), options ?? TraceReaderOptions.Default, leaveOpen: false);
    }

    /// <summary>The values of <paramref name="column"/> (null: one value per line) read from <paramref name="reader"/>, lazily; the reader is not disposed.</summary>
    /// <exception cref="ArgumentException">When <paramref name="column"/> is empty.</exception>
    public static IEnumerable<DataCell> Read(TextReader reader, string source, string? column, TraceReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        return new Cells(() => reader, source, Check(column), options ?? TraceReaderOptions.Default, leaveOpen: true);
    }

    private static string? Check(string? column) =>
        column is { Length: 0 } ? throw new ArgumentException("A column name cannot be empty; pass null for one value per line.", nameof(column)) : column;

    private sealed class Cells(Func<TextReader> open, string source, string? column, TraceReaderOptions options, bool leaveOpen) : IEnumerable<DataCell>
    {
        public IEnumerator<DataCell> GetEnumerator()
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxLineLength, 1, nameof(options));
            using var bounded = new BoundedLineReader(open(), source, options.MaxLineLength, leaveOpen);
            using var sep = Sep.New(',').Reader(o => o with
            {
                HasHeader = false,
                DisableColCountCheck = true,
                DisableQuotesParsing = true,
                CultureInfo = CultureInfo.InvariantCulture,
            }).From(bounded);
            var index = column is null ? 0 : -1;
            var width = 1;
            var any = false;
            foreach (var row in sep)
            {
                if (row.Span.Trim(' ').IsEmpty)
                {
                    continue;
                }

                // With quotes off a row is one line; Sep reports the first row's start line wrongly, so the line comes from its end.
                var line = row.LineNumberToExcl - 1;
                if (index < 0)
                {
                    (index, width) = Header(row, line);
                    continue;
                }

                if (row.ColCount != width)
                {
                    throw new TraceFormatException(new TraceError(source, line, row.ColCount > width ? ColumnOf(row, width) : 1, null, column is null
                        ? string.Create(CultureInfo.InvariantCulture, $"expected one value per line, got {row.ColCount} comma-separated fields; for a CSV file, name the column")
                        : string.Create(CultureInfo.InvariantCulture, $"expected {width} comma-separated fields, as in the header, got {row.ColCount}")));
                }

                any = true;
                var text = row[index].Span;
                var trimmed = text.TrimStart(' ');
                yield return new DataCell(line, ColumnOf(row, index) + (text.Length - trimmed.Length), trimmed.TrimEnd(' ').ToString());
            }

            if (index < 0)
            {
                throw new TraceFormatException(new TraceError(source, 0, 0, null, $"the file is empty; expected a header line naming column '{column}', then one row per value"));
            }

            if (!any)
            {
                throw new TraceFormatException(new TraceError(source, 0, 0, null, column is null
                    ? "the file holds no values; expected one value per line"
                    : $"the file holds no values; expected rows under the header with a value in column '{column}'"));
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>The column's index in the header and the header's width.</summary>
        private (int Index, int Width) Header(SepReader.Row row, long line)
        {
            var found = -1;
            var names = new string[row.ColCount];
            for (var i = 0; i < row.ColCount; i++)
            {
                names[i] = row[i].Span.Trim(' ').ToString();
                if (!string.Equals(names[i], column, StringComparison.Ordinal))
                {
                    continue;
                }

                if (found >= 0)
                {
                    throw new TraceFormatException(new TraceError(source, line, ColumnOf(row, i), column, "the header names this column twice"));
                }

                found = i;
            }

            if (found < 0)
            {
                throw new TraceFormatException(new TraceError(source, line, 1, null,
                    $"the header has no column '{column}'; its columns are {string.Join(", ", names.Select(n => $"'{n}'"))}"));
            }

            return (found, row.ColCount);
        }

        /// <summary>With quotes off and no trimming, a row is its fields joined by single commas.</summary>
        private static int ColumnOf(SepReader.Row row, int index)
        {
            var column = 1;
            for (var i = 0; i < index; i++)
            {
                column += row[i].Span.Length + 1;
            }

            return column;
        }
    }
}
