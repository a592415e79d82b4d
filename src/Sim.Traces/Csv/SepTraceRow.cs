using nietras.SeparatedValues;

namespace Sim.Traces.Csv;

/// <summary>A Sep row seen as an <see cref="ITraceRow"/>, without copying.</summary>
internal readonly ref struct SepTraceRow(SepReader.Row row, TraceLayout layout) : ITraceRow
{
    private readonly SepReader.Row _row = row;

    public TraceLayout Layout { get; } = layout;

    // With quotes off a row is one line. Sep 0.17.1 reports LineNumberFrom = 2 for the first row of a
    // reader without header (1 for later rows is right), so the line is taken from LineNumberToExcl.
    public long Line => _row.LineNumberToExcl - 1;

    public int FieldCount => _row.ColCount;

    public ReadOnlySpan<char> Field(int index) => _row[index].Span;

    // With quotes off and no trimming, the row is its fields joined by single separators.
    public int ColumnOf(int index)
    {
        var column = 1;
        for (var i = 0; i < index; i++)
        {
            column += _row[i].Span.Length + 1;
        }

        return column;
    }
}
